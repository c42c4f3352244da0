/// Produces each batch's elements to a topic, at least once: a replayed batch produces its
/// records again.
///
/// Not thread-safe: the query's driver thread owns it.
final class TopicSink<Element>: ElementSink {
    let log: any TopicLog
    let topic: String
    let record: @Sendable (Element) throws -> LogRecord
    var sinkDescription: String { "topic:\(topic)" }

    init(log: any TopicLog, topic: String, record: @escaping @Sendable (Element) throws -> LogRecord) {
        self.log = log
        self.topic = topic
        self.record = record
    }

    func commit(batchId: Int64, elements: [Element]) throws -> SinkOutcome {
        guard !elements.isEmpty else { return SinkOutcome() }
        try StreamTopics.ensure(topic, in: log)
        let records = try elements.map(record)
        _ = try log.produce(topic: topic, records: records)
        return SinkOutcome(rowsCommitted: records.count)
    }
}
