import SluiceCore
import Streaming
import Testing

@Suite("TopicStore consumer groups")
struct TopicStoreConsumerGroupTests {
    @Test("committed offsets are merged per partition and survive reopen")
    func offsetsDurableAndMerged() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        do {
            let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
            try store.createTopic("orders", configuration: TopicConfiguration(partitionCount: 4))
            try store.createTopic("payments", configuration: TopicConfiguration(partitionCount: 2))
            #expect(try store.committedOffsets(group: "billing", topic: "orders") == [:])
            try store.commitOffsets(group: "billing", topic: "orders", offsets: [0: 10, 2: 7])
            try store.commitOffsets(group: "billing", topic: "orders", offsets: [2: 9, 3: 1])
            try store.commitOffsets(group: "billing", topic: "payments", offsets: [1: 5])
            try store.commitOffsets(group: "audit", topic: "orders", offsets: [0: 1])
            try store.commitOffsets(group: "audit", topic: "orders", offsets: [:])
            #expect(try store.committedOffsets(group: "billing", topic: "orders") == [0: 10, 2: 9, 3: 1])
            store.close()
        }
        let reopened = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
        #expect(try reopened.committedOffsets(group: "billing", topic: "orders") == [0: 10, 2: 9, 3: 1])
        #expect(try reopened.committedOffsets(group: "billing", topic: "payments") == [1: 5])
        #expect(try reopened.committedOffsets(group: "audit", topic: "orders") == [0: 1])
        #expect(try reopened.committedOffsets(group: "audit", topic: "payments") == [:])
        let text = String(decoding: try LocalFileSystem().readAll(directory.path + "/groups/billing/orders.json"), as: UTF8.self)
        #expect(text == #"{"0":10,"2":9,"3":1}"# + "\n")
    }

    @Test("bad group names, unknown topics and partitions, and negative offsets are refused")
    func invalidCommits() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
        try store.createTopic("orders", configuration: TopicConfiguration(partitionCount: 2))
        for group in ["", "..", "a/b", "sp ace"] {
            let error = #expect(throws: SluiceError.self) { try store.commitOffsets(group: group, topic: "orders", offsets: [0: 1]) }
            #expect(error?.message.contains("consumer group") == true)
            #expect(throws: SluiceError.self) { try store.committedOffsets(group: group, topic: "orders") }
        }
        let unknown = #expect(throws: SluiceError.self) { try store.commitOffsets(group: "g", topic: "ordres", offsets: [0: 1]) }
        #expect(unknown?.condition == .notFound)
        #expect(throws: SluiceError.self) { try store.commitOffsets(group: "g", topic: "orders", offsets: [2: 1]) }
        #expect(throws: SluiceError.self) { try store.commitOffsets(group: "g", topic: "orders", offsets: [0: -1]) }
        #expect(try store.committedOffsets(group: "g", topic: "orders") == [:])
    }
}
