/// One sort key: `expression [ASC|DESC] [NULLS FIRST|LAST]`.
public struct OrderByItem: Hashable, Sendable, CustomStringConvertible {
    public enum Direction: String, Hashable, Sendable {
        case ascending = "ASC"
        case descending = "DESC"
    }

    public enum NullsOrder: String, Hashable, Sendable {
        case first = "NULLS FIRST"
        case last = "NULLS LAST"
    }

    public var expression: Expression
    /// Nil when not written (ascending).
    public var direction: Direction?
    /// Nil when not written; the engine's default then applies.
    public var nullsOrder: NullsOrder?
    public var range: SourceRange

    public init(expression: Expression, direction: Direction? = nil, nullsOrder: NullsOrder? = nil, range: SourceRange = .unknown) {
        self.expression = expression
        self.direction = direction
        self.nullsOrder = nullsOrder
        self.range = range
    }

    /// Whether the key sorts from high to low.
    public var isDescending: Bool { direction == .descending }

    public var description: String {
        var text = expression.description
        if let direction { text += " " + direction.rawValue }
        if let nullsOrder { text += " " + nullsOrder.rawValue }
        return text
    }
}
