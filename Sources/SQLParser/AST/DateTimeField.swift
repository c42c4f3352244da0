/// A part of a date or time: what `EXTRACT` takes out and what an `INTERVAL` counts.
public enum DateTimeField: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case year, quarter, month, week, day, hour, minute, second, millisecond, microsecond
    case dayOfWeek = "dow"
    case dayOfYear = "doy"
    case epoch

    /// The field a word names, accepting plurals (`DAYS`) as DuckDB does; nil if none.
    public init?(word: String) {
        if let field = DateTimeField(rawValue: word) {
            self = field
        } else if word.hasSuffix("s"), let field = DateTimeField(rawValue: String(word.dropLast())) {
            self = field
        } else {
            return nil
        }
    }

    public var description: String { rawValue.uppercased() }
}
