/// A dotted name such as `lineitem`, `tpch.lineitem` or `l1.l_orderkey`.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
    /// The parts, outermost first; never empty.
    public var parts: [Identifier]
    public var range: SourceRange

    public init(_ parts: [Identifier], range: SourceRange = .unknown) {
        precondition(!parts.isEmpty, "a qualified name has at least one part")
        self.parts = parts
        self.range = range
    }

    /// The last part: the table's own name, or the column's.
    public var name: Identifier { parts[parts.count - 1] }

    /// The parts before the last: schema for a table, table (or alias) for a column.
    public var qualifier: [Identifier] { Array(parts.dropLast()) }

    public var description: String {
        parts.map(\.description).joined(separator: ".")
    }
}
