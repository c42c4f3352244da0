/// `ROWS|RANGE BETWEEN start AND end`, or `ROWS|RANGE start` (which ends at the current row).
public struct WindowFrame: Hashable, Sendable, CustomStringConvertible {
    /// Whether bounds count rows or distances in the ordering value.
    public enum Units: String, Hashable, Sendable {
        case rows = "ROWS"
        case range = "RANGE"
    }

    /// One end of a frame.
    public enum Bound: Hashable, Sendable, CustomStringConvertible {
        case unboundedPreceding
        case preceding(Expression)
        case currentRow
        case following(Expression)
        case unboundedFollowing

        public var description: String {
            switch self {
            case .unboundedPreceding: return "UNBOUNDED PRECEDING"
            case .preceding(let offset): return "\(Self.printedOffset(offset)) PRECEDING"
            case .currentRow: return "CURRENT ROW"
            case .following(let offset): return "\(Self.printedOffset(offset)) FOLLOWING"
            case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
            }
        }

        /// A column called `unbounded` would read back as the keyword, so it keeps parentheses.
        private static func printedOffset(_ offset: Expression) -> String {
            if case .column(let name) = offset, name.parts.count == 1, !name.name.isQuoted, name.name.value == "unbounded" {
                return "(\(offset))"
            }
            return offset.printed(atLeast: .concat)
        }
    }

    public var units: Units
    public var start: Bound
    /// Nil for the one-bound form.
    public var end: Bound?

    public init(units: Units, start: Bound, end: Bound?) {
        self.units = units
        self.start = start
        self.end = end
    }

    public var description: String {
        guard let end else { return "\(units.rawValue) \(start)" }
        return "\(units.rawValue) BETWEEN \(start) AND \(end)"
    }
}
