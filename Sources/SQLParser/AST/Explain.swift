/// `EXPLAIN [ANALYZE] statement`: show the plan, and with `ANALYZE` run it and show per-operator
/// rows and time.
public struct Explain: Hashable, Sendable, CustomStringConvertible {
    public var statement: Statement
    public var isAnalyze: Bool
    public var range: SourceRange

    public init(statement: Statement, isAnalyze: Bool = false, range: SourceRange = .unknown) {
        self.statement = statement
        self.isAnalyze = isAnalyze
        self.range = range
    }

    public var description: String {
        (isAnalyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + statement.description
    }
}
