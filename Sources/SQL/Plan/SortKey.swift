/// One key of an `ORDER BY`, a window's order, or a top-N: an expression over the input, its
/// direction and where NULLs go.
///
/// The default, as in DuckDB: ascending, NULLs last in both directions unless `NULLS FIRST`
/// is said.
public struct SortKey: Sendable, Equatable, CustomStringConvertible {
    public var expression: PhysicalExpression
    public var isAscending: Bool
    public var nullsFirst: Bool

    public init(_ expression: PhysicalExpression, isAscending: Bool = true, nullsFirst: Bool = false) {
        self.expression = expression
        self.isAscending = isAscending
        self.nullsFirst = nullsFirst
    }

    public var description: String {
        "\(expression) \(isAscending ? "ASC" : "DESC") NULLS \(nullsFirst ? "FIRST" : "LAST")"
    }
}
