/// `DELETE FROM name [WHERE condition]`.
public struct Delete: Hashable, Sendable, CustomStringConvertible {
    public var table: QualifiedName
    /// Nil deletes every row.
    public var whereClause: Expression?
    public var range: SourceRange

    public init(table: QualifiedName, whereClause: Expression? = nil, range: SourceRange = .unknown) {
        self.table = table
        self.whereClause = whereClause
        self.range = range
    }

    public var description: String {
        whereClause.map { "DELETE FROM \(table) WHERE \($0)" } ?? "DELETE FROM \(table)"
    }
}
