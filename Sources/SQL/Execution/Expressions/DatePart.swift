/// A field `EXTRACT` takes from a DATE or TIMESTAMP (in UTC). Every part is a BIGINT.
public enum DatePart: String, Sendable, Hashable, CaseIterable {
    case year
    case quarter
    case month
    case day
    /// Day of the week, Sunday = 0 through Saturday = 6 (DuckDB's and PostgreSQL's `dow`).
    case dayOfWeek = "dow"
    /// Day of the year, 1 through 366.
    case dayOfYear = "doy"
    case hour
    case minute
    /// Whole seconds within the minute.
    case second

    /// The part's name as written in SQL.
    public var name: String { rawValue }

    /// Whether the part needs a time of day, which a DATE does not have (it is then 0).
    var isTimeOfDay: Bool {
        switch self {
        case .hour, .minute, .second: true
        default: false
        }
    }
}
