/// What producers, consumers and pipelines need from the stream log, whether the topics live in
/// this process (`TopicStore`) or behind a broker (`BrokerClient`).
///
/// Calls block until the broker answered; a produce returns only once the records are as
/// durable as the broker's flush policy makes them (fsync by default).
///
/// Threading: implementations are safe to call from any thread.
public protocol TopicLog: Sendable {
    /// Creates a topic.
    /// - Throws: `SluiceError.userInput` when the name is invalid or the topic exists.
    @discardableResult
    func createTopic(_ name: String, configuration: TopicConfiguration) throws -> TopicDescription

    /// Deletes a topic: its records, its partitions' files (tiered ones too) and every consumer
    /// group's committed offsets for it. A topic created again under the name starts empty.
    /// - Throws: `SluiceError` (user input, condition `.notFound`) naming the topic when it does not exist.
    func deleteTopic(_ name: String) throws

    /// The names of all topics, sorted.
    func topicNames() throws -> [String]

    /// A topic's configuration and, per partition, its offsets and size.
    /// - Throws: `SluiceError` (user input, condition `.notFound`) naming the topic when it does not exist.
    func describeTopic(_ name: String) throws -> TopicDescription

    /// Appends records to a topic; each record goes to the partition its key hashes to
    /// (`TopicPartitioner`), records without a key are spread round robin.
    /// - Returns: the partition and offset of each record, in the order given.
    func produce(topic: String, records: [LogRecord]) throws -> [RecordPosition]

    /// Reads records of one partition from `fromOffset` on, at most about `maxBytes` of them
    /// (at least one record when any is there, however large).
    /// - Throws: a user error when `fromOffset` is before the partition's start offset (the
    ///   records were removed by retention) or past its end offset.
    func fetch(topic: String, partition: Int, fromOffset: Int64, maxBytes: Int) throws -> FetchedRecords

    /// The first offset of a partition whose record's timestamp is at or after `timestampMillis`,
    /// or the partition's end offset when there is none.
    func offset(topic: String, partition: Int, forTimestampMillis timestampMillis: Int64) throws -> Int64

    /// Stores a consumer group's next offsets to read, per partition of a topic, durably.
    func commitOffsets(group: String, topic: String, offsets: [Int: Int64]) throws

    /// A consumer group's committed next offsets per partition of a topic (empty when none).
    func committedOffsets(group: String, topic: String) throws -> [Int: Int64]
}
