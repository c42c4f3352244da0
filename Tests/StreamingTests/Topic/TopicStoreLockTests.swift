import SluiceCore
import Streaming
import Testing

/// A topic store's folder belongs to one open store at a time.
@Suite struct TopicStoreLockTests {
    @Test func secondOpenIsRefusedUntilTheFirstCloses() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let first = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
        try first.createTopic("clicks", configuration: TopicConfiguration(partitionCount: 2))
        do {
            _ = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
            Issue.record("a second store opened a folder in use")
        } catch let error as SluiceError {
            #expect(error.fault == .userInput)
            #expect(error.message.contains("is open in another process"))
            #expect(error.message.contains(directory.path))
        }
        first.close()
        let second = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration())
        #expect(try second.topicNames() == ["clicks"])
        second.close()
    }
}
