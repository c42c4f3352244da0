/// The inside of `OVER (...)`: which rows form a row's window and in what order.
public struct WindowSpecification: Hashable, Sendable, CustomStringConvertible {
    public var partitionBy: [Expression]
    public var orderBy: [OrderByItem]
    /// `ROWS|RANGE ...`; nil means SQL's default frame.
    public var frame: WindowFrame?
    public var range: SourceRange

    public init(partitionBy: [Expression], orderBy: [OrderByItem], frame: WindowFrame?, range: SourceRange = .unknown) {
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.range = range
    }

    public var description: String {
        var clauses: [String] = []
        if !partitionBy.isEmpty { clauses.append("PARTITION BY " + SQLText.list(partitionBy)) }
        if !orderBy.isEmpty { clauses.append("ORDER BY " + SQLText.list(orderBy)) }
        if let frame { clauses.append(frame.description) }
        return clauses.joined(separator: " ")
    }
}
