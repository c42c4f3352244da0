import Dataflow
import SluiceCore

/// The lambda master dataset: every record of the source topic as it arrived, one row each,
/// appended exactly once and never changed. Batch layers recompute their views from it.
public enum MasterDataset {
    public static let partitionColumn = "partition"
    public static let offsetColumn = "offset"
    public static let timestampColumn = "timestamp"
    public static let keyColumn = "key"
    public static let valueColumn = "value"

    /// partition (int32), offset (int64), timestamp (the record's, as a timestamp), key and
    /// value (UTF-8 text; key null for an unkeyed record).
    public static let schema = Schema([
        Field(partitionColumn, .int32, nullable: false),
        Field(offsetColumn, .int64, nullable: false),
        Field(timestampColumn, .timestamp, nullable: false),
        Field(keyColumn, .string),
        Field(valueColumn, .string, nullable: false),
    ])

    /// How the ingest query writes a topic record as a master row.
    public static let encoding = TableRowEncoding<TopicMessage>(schema: schema) { message in
        [.int32(Int32(message.partition)), .int64(message.offset), .timestamp(message.timestampMillis * 1000),
         message.keyText.map(Value.string) ?? .null, .string(message.valueText)]
    }

    /// A master row's value text, for batch layers parsing it as the speed layer parses the topic.
    public static func valueText(of row: Row) throws -> String {
        guard let index = row.layout.index(of: valueColumn), case .string(let text) = row.values[index] else {
            throw SluiceError.data("a master dataset row without its \(valueColumn) column")
        }
        return text
    }
}
