import SluiceCore

/// One click of the clickstream (`datasets/clicks.jsonl`, `datasets/clickstream.py`): who
/// viewed which page when. The pipelines parse topic records and master dataset rows with it,
/// so the batch and stream layers read the same events the same way.
public struct ClickEvent: Sendable, Equatable {
    public var userId: Int64
    public var page: String
    /// When the click happened, in milliseconds since the Unix epoch.
    public var eventTimeMillis: Int64

    public init(userId: Int64, page: String, eventTimeMillis: Int64) {
        self.userId = userId
        self.page = page
        self.eventTimeMillis = eventTimeMillis
    }

    /// The fields a click needs; other keys of the JSON object are ignored.
    public static let schema = Schema([
        Field("user_id", .int64, nullable: false),
        Field("page", .string, nullable: false),
        Field("event_time", .timestamp, nullable: false),
    ])

    /// Parses one JSON object.
    /// - Throws: `SluiceError.data` naming the field for malformed JSON, a missing field or a
    ///   value of the wrong type (a stream sends such a record to its dead-letter topic).
    public init(json: [UInt8]) throws {
        var decoder = JSONObjectDecoder(schema: ClickEvent.schema)
        let values = try decoder.decode(json)
        guard case .int64(let user) = values[0], case .string(let page) = values[1], case .timestamp(let micros) = values[2] else {
            throw SluiceError.data("a click needs user_id, page and event_time")
        }
        self.init(userId: user, page: page, eventTimeMillis: micros / 1000)
    }

    /// The start of the one-minute window the click falls in, in milliseconds.
    public var minuteStartMillis: Int64 {
        let minute: Int64 = 60_000
        return eventTimeMillis >= 0 ? eventTimeMillis / minute * minute : (eventTimeMillis - minute + 1) / minute * minute
    }
}
