/// Which snapshot of a warehouse table to read: `VERSION AS OF 3`, `TIMESTAMP AS OF '...'`.
public enum TimeTravel: Hashable, Sendable, CustomStringConvertible {
    /// The table as of a version number.
    case version(Expression)
    /// The table as of the latest commit at or before a point in time.
    case timestamp(Expression)

    public var description: String {
        switch self {
        case .version(let version): return "VERSION AS OF \(version)"
        case .timestamp(let time): return "TIMESTAMP AS OF \(time)"
        }
    }
}
