/// `VALUES (a, b), (c, d)`: rows written out in the query.
public struct Values: Hashable, Sendable, CustomStringConvertible {
    /// At least one row; the binder checks that all have the same length.
    public var rows: [[Expression]]
    public var range: SourceRange

    public init(rows: [[Expression]], range: SourceRange = .unknown) {
        self.rows = rows
        self.range = range
    }

    public var description: String {
        "VALUES " + rows.map { "(" + SQLText.list($0) + ")" }.joined(separator: ", ")
    }
}
