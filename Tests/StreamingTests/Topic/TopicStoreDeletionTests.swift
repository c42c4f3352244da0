import SluiceCore
import Streaming
import Testing

@Suite("TopicStore topic deletion")
struct TopicStoreDeletionTests {
    @Test("a deleted topic is gone with its files, tiered segments and group offsets; other topics stay; a new one of the name starts empty")
    func deleteTopic() throws {
        let folders = TieredStoreFolders(tierSubfolder: "tier")
        defer { folders.remove() }
        let (directory, tierDirectory) = (folders.store, folders.tierRoot)
        let configuration = TopicStoreTesting.configuration(tier: folders.tier, batched: true)
        let local = LocalFileSystem()
        do {
            let store = try TopicStore(directory: directory.path, configuration: configuration)
            try store.createTopic("orders", configuration: TopicConfiguration(partitionCount: 2, segmentBytesMax: 2048))
            try store.createTopic("payments", configuration: TopicConfiguration(partitionCount: 1))
            _ = try TopicStoreTesting.produceInBatches(store, topic: "orders", TopicStoreTesting.records(count: 400, seed: 3), seed: 4)
            _ = try store.produce(topic: "payments", records: [LogRecord(timestampMillis: 1, value: [1])])
            try store.commitOffsets(group: "billing", topic: "orders", offsets: [0: 5])
            try store.commitOffsets(group: "billing", topic: "payments", offsets: [0: 1])
            try store.tierClosedSegments()
            #expect(local.exists(tierDirectory.path + "/tier/orders"))

            try store.deleteTopic("orders")
            #expect(try store.topicNames() == ["payments"])
            #expect(!local.exists(directory.path + "/topics/orders"))
            #expect(!local.exists(tierDirectory.path + "/tier/orders"))
            #expect(!local.exists(directory.path + "/groups/billing/orders.json"))
            #expect(try store.committedOffsets(group: "billing", topic: "payments") == [0: 1])
            let gone = #expect(throws: SluiceError.self) { try store.describeTopic("orders") }
            #expect(gone?.condition == .notFound)
            let again = #expect(throws: SluiceError.self) { try store.deleteTopic("orders") }
            #expect(again?.condition == .notFound && again?.message.contains("topic 'orders' does not exist") == true)

            try store.createTopic("orders", configuration: TopicConfiguration(partitionCount: 3))
            #expect(try store.describeTopic("orders").partitions.map(\.endOffset) == [0, 0, 0])
            #expect(try store.committedOffsets(group: "billing", topic: "orders") == [:])
            store.close()
        }
        let reopened = try TopicStore(directory: directory.path, configuration: configuration)
        defer { reopened.close() }
        #expect(try reopened.topicNames() == ["orders", "payments"])
        #expect(try reopened.describeTopic("orders").partitions.count == 3)
        #expect(try reopened.describeTopic("payments").partitions[0].endOffset == 1)
    }
}
