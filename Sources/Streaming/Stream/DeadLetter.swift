import Foundation

/// The value of a dead-letter record: where the bad record came from, why it failed, and the
/// record itself as text, as one JSON object.
struct DeadLetter: Codable, Sendable, Equatable {
    /// The query that failed on the record (several queries of a pipeline may).
    var query: String
    var topic: String
    var partition: Int
    var offset: Int64
    var operatorName: String
    var error: String
    var value: String
    var timestampMillis: Int64

    enum CodingKeys: String, CodingKey {
        case query, topic, partition, offset, error, value
        case operatorName = "operator"
        case timestampMillis = "timestamp_ms"
    }

    func jsonBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding strings and integers cannot fail.
        return Array((try? encoder.encode(self)) ?? Data())
    }
}
