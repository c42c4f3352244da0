import SluiceCore

/// How the events of a key are grouped into windows of event time. Windows are half-open,
/// `[start, end)`, in milliseconds since the epoch; tumbling and sliding windows are aligned to
/// the epoch.
public enum WindowSpec: Sendable, Hashable, CustomStringConvertible {
    /// Back-to-back windows of one size: each event is in exactly one.
    case tumbling(sizeMillis: Int64)
    /// Windows of `sizeMillis` starting every `slideMillis`: an event is in `size / slide` of them.
    case sliding(sizeMillis: Int64, slideMillis: Int64)
    /// Per key, events closer than `gapMillis` to the next are in one window, which ends `gap`
    /// after its last event; windows merge as events arrive between them.
    case session(gapMillis: Int64)

    public static func tumbling(_ size: Duration) -> WindowSpec { .tumbling(sizeMillis: size.wholeMilliseconds) }

    public static func sliding(size: Duration, slide: Duration) -> WindowSpec {
        .sliding(sizeMillis: size.wholeMilliseconds, slideMillis: slide.wholeMilliseconds)
    }

    public static func session(gap: Duration) -> WindowSpec { .session(gapMillis: gap.wholeMilliseconds) }

    public var description: String {
        switch self {
        case .tumbling(let size): "tumbling(\(size)ms)"
        case .sliding(let size, let slide): "sliding(\(size)ms every \(slide)ms)"
        case .session(let gap): "session(gap \(gap)ms)"
        }
    }

    /// Whether the sizes are usable; a user error names the problem otherwise.
    func validated() throws -> WindowSpec {
        switch self {
        case .tumbling(let size) where size <= 0, .sliding(let size, _) where size <= 0:
            throw SluiceError.userInput("a window's size must be positive, not \(size) ms")
        case .sliding(_, let slide) where slide <= 0:
            throw SluiceError.userInput("a sliding window's slide must be positive, not \(slide) ms")
        case .session(let gap) where gap <= 0:
            throw SluiceError.userInput("a session window's gap must be positive, not \(gap) ms")
        default:
            return self
        }
    }

    /// The largest multiple of `divisor` at or below `value` (floor division times divisor), also
    /// for negative event times.
    @inlinable
    static func alignedStart(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? value - remainder - divisor : value - remainder
    }
}
