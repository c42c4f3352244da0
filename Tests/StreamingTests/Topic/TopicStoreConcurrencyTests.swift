import SluiceCore
import Streaming
import Testing

@Suite("TopicStore concurrency")
struct TopicStoreConcurrencyTests {
    @Test("producers on four threads get every record stored once with distinct offsets")
    func concurrentProducers() async throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration(batched: true))
        try store.createTopic("busy", configuration: TopicConfiguration(partitionCount: 3, segmentBytesMax: 4096))
        let producesPerWriter = 60
        let produced = try await withThrowingTaskGroup(of: [(LogRecord, RecordPosition)].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    var mine: [(LogRecord, RecordPosition)] = []
                    for sequence in 0..<producesPerWriter {
                        let records = (0..<5).map { part in
                            LogRecord(
                                timestampMillis: Int64(sequence), key: part == 0 ? nil : Array("k\(writer)-\(part)".utf8),
                                value: Array("w\(writer)-s\(sequence)-p\(part)".utf8))
                        }
                        mine += zip(records, try store.produce(topic: "busy", records: records))
                    }
                    return mine
                }
            }
            var all: [(LogRecord, RecordPosition)] = []
            for try await part in group { all += part }
            return all
        }
        #expect(produced.count == 4 * producesPerWriter * 5)
        #expect(Set(produced.map(\.1)).count == produced.count)
        for partition in 0..<3 {
            let stored = try TopicStoreTesting.fetchAll(store, topic: "busy", partition: partition, maxBytes: 4096)
            #expect(TopicStoreTesting.matches(stored, produced: produced.map(\.0), positions: produced.map(\.1), partition: partition))
            #expect(stored.map(\.offset) == Array(0..<Int64(stored.count)))
        }
    }
}
