import SluiceCore
import Streaming

/// Live click events for demos and tests: seeded JSON lines in the shape of `datasets/clicks.jsonl`,
/// stamped with the wall clock and up to `disorderMillis` behind it, as browsers deliver them.
/// `datasets/clickstream.py` makes the same kind of events outside Sluice.
///
/// A value type; one thread uses it at a time.
public struct ClickEventGenerator: Sendable {
    public static let pages = ["/", "/home", "/deals", "/cart", "/checkout", "/account", "/help/shipping", "/search",
                               "/blog/spring-sale", "/products", "/products/42", "/products/263"]
    public static let devices = ["desktop", "mobile", "tablet"]

    private var random: SeededRandomGenerator
    public var userCount: Int
    public var disorderMillis: Int64

    public init(seed: UInt64 = 7, userCount: Int = 400, disorderMillis: Int64 = 2_000) {
        random = SeededRandomGenerator(seed: seed)
        self.userCount = userCount
        self.disorderMillis = disorderMillis
    }

    /// The next event at about `nowMillis`, as a record keyed by its user with its event time.
    public mutating func next(nowMillis: Int64) -> LogRecord {
        let user = Int.random(in: 1...userCount, using: &random)
        let page = Self.pages[Int.random(in: 0..<Self.pages.count, using: &random)]
        let device = Self.devices[Int.random(in: 0..<Self.devices.count, using: &random)]
        let millis = nowMillis - Int64.random(in: 0...disorderMillis, using: &random)
        let time = CivilTime.formatTimestamp(micros: millis * 1000).replacingSpaceWithT() + "Z"
        let duration = Int.random(in: 200...20_000, using: &random)
        let line = #"{"user_id": \#(user), "page": "\#(page)", "event_time": "\#(time)", "duration_ms": \#(duration), "device": "\#(device)"}"#
        return LogRecord(timestampMillis: millis, key: Array(String(user).utf8), value: Array(line.utf8))
    }
}

extension String {
    /// `2024-03-01 08:00:00.123` as ISO 8601 writes it, `2024-03-01T08:00:00.123`.
    fileprivate func replacingSpaceWithT() -> String { String(map { $0 == " " ? "T" : $0 }) }
}
