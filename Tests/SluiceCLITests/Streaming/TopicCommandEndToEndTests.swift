import Foundation
import SluiceCore
import Streaming
import Testing
@testable import SluiceCommandLine

/// `sluice topic ...` run as a user runs it, against a broker served in this process over a
/// topic store, and against the embedded store in `$SLUICE_HOME/broker`.
@Suite struct TopicCommandEndToEndTests {
    private let cli = CLIEndToEndTests()

    /// Runs `sluice` on a thread of its own, so the waiting never holds a thread the
    /// in-process broker needs.
    private func sluice(_ arguments: [String], in directory: ScratchDirectory, environment: [String: String] = [:]) async throws
        -> CLIEndToEndTests.Run {
        let cli = self.cli
        nonisolated(unsafe) let directory = directory
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try cli.sluice(arguments, in: directory, environment: environment) }) }.start()
        }
    }

    private func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    @Test func createProduceDescribeAndConsume() async throws {
        let directory = try ScratchDirectory()
        let store = try TopicStore(directory: directory.path + "/broker-store")
        let broker = BrokerServer(log: store, configuration: BrokerConfiguration(port: 0))
        try await broker.start()
        let options = ["--broker", broker.address]
        let events = (0..<20).map { #"{"user": "u\#($0 % 4)", "page": "/p\#($0)", "ts": \#(1_000 + $0)}"# }
        try (events.joined(separator: "\n") + "\n").write(toFile: directory.path + "/events.jsonl", atomically: true, encoding: .utf8)

        let created = try await sluice(["topic", "create", "clicks", "--partitions", "3"] + options, in: directory)
        #expect(created.status == 0, "\(created.standardError)")
        #expect(created.standardError == "created topic 'clicks' with 3 partitions\n")
        let again = try await sluice(["topic", "create", "clicks"] + options, in: directory)
        #expect(again.status == 1)
        #expect(again.standardError.contains("topic 'clicks' already exists"), "\(again.standardError)")
        #expect(try await sluice(["topic", "list"] + options, in: directory).standardOutput == "clicks\n")

        let produced = try await sluice(["topic", "produce", "clicks", "--key", "user", "--timestamp", "ts", "--file", "events.jsonl"] + options, in: directory)
        #expect(produced.status == 0, "\(produced.standardError)")
        #expect(produced.standardError.hasPrefix("20 records to clicks ("), "\(produced.standardError)")

        let described = try await sluice(["topic", "describe", "clicks"] + options, in: directory)
        #expect(described.standardOutput.contains("partition  start  end  records  size_bytes  segments\n"), "\(described.standardOutput)")

        let consumed = try await sluice(["topic", "consume", "clicks", "--from-beginning", "--group", "g"] + options, in: directory)
        #expect(consumed.status == 0, "\(consumed.standardError)")
        let compact = events.map { $0.replacingOccurrences(of: " ", with: "") }
        #expect(consumed.standardOutput.split(separator: "\n").map(String.init).sorted() == compact.sorted())
        let resumed = try await sluice(["topic", "consume", "clicks", "--from-beginning", "--group", "g"] + options, in: directory)
        #expect(resumed.standardOutput.isEmpty)
        let limited = try await sluice(["topic", "consume", "clicks", "--from-beginning", "--max", "5"] + options, in: directory)
        #expect(limited.standardOutput.split(separator: "\n").count == 5)
        let fromEnd = try await sluice(["topic", "consume", "clicks"] + options, in: directory)
        #expect(fromEnd.status == 0)
        #expect(fromEnd.standardOutput.isEmpty)

        let deleted = try await sluice(["topic", "delete", "clicks"] + options, in: directory)
        #expect(deleted.status == 0 && deleted.standardError == "deleted topic 'clicks'\n", "\(deleted.standardError)")
        #expect(try await sluice(["topic", "list"] + options, in: directory).standardOutput.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/broker-store/topics/clicks"))
        let deletedAgain = try await sluice(["topic", "delete", "clicks"] + options, in: directory)
        #expect(deletedAgain.status == 1 && deletedAgain.standardError.contains("topic 'clicks' does not exist"), "\(deletedAgain.standardError)")
        await broker.stop()
        store.close()
    }

    @Test func embeddedStoreInSluiceHome() async throws {
        let directory = try ScratchDirectory()
        let home = ["SLUICE_HOME": directory.path + "/home"]
        try "{\"user\": \"a\", \"n\": 1}\n{\"user\": \"b\", \"n\": 2}\n".write(toFile: directory.path + "/e.jsonl", atomically: true, encoding: .utf8)
        #expect(try await sluice(["topic", "create", "events", "--partitions", "2"], in: directory, environment: home).status == 0)
        let produced = try await sluice(["topic", "produce", "events", "--key", "user", "--file", "e.jsonl"], in: directory, environment: home)
        #expect(produced.status == 0, "\(produced.standardError)")
        let consumed = try await sluice(["topic", "consume", "events", "--from-beginning"], in: directory, environment: home)
        #expect(consumed.standardOutput.split(separator: "\n").sorted() == [#"{"user":"a","n":1}"#, #"{"user":"b","n":2}"#])
        #expect(FileManager.default.fileExists(atPath: directory.path + "/home/broker/topics/events/topic.json"))
    }

    @Test func followWaitsForRecordsProducedLater() async throws {
        let broker = BrokerServer(log: TopicLogDouble(), configuration: BrokerConfiguration(port: 0))
        try await broker.start()
        let client = BrokerClient(address: broker.address)
        try await onThread { try client.createTopic("live", configuration: TopicConfiguration(partitionCount: 1)) }
        var consumer = TopicConsoleConsumer(log: client, topic: "live")
        consumer.follow = true
        consumer.recordCountMax = 2
        consumer.followWaitMillis = 5_000
        let following = consumer
        let consumed = Task {
            try await onThread { () -> [String] in
                var values: [String] = []
                _ = try following.run(emit: { values.append(String(decoding: $0.value, as: UTF8.self)) })
                return values
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        for value in ["first", "second"] {
            _ = try await onThread { try client.produce(topic: "live", records: [LogRecord(timestampMillis: 0, value: Array(value.utf8))]) }
        }
        #expect(try await consumed.value == ["first", "second"])
        await broker.stop()
    }

    @Test func badLineStopsTheProduceAndNamesTheLine() async throws {
        let log = TopicLogDouble()
        let broker = BrokerServer(log: log, configuration: BrokerConfiguration(port: 0))
        try await broker.start()
        let options = ["--broker", broker.address]
        let directory = try ScratchDirectory()
        try "{\"a\":1}\n{\"a\":2}\n{\"a\":\n{\"a\":4}\n".write(toFile: directory.path + "/bad.jsonl", atomically: true, encoding: .utf8)
        try log.createTopic("t", configuration: TopicConfiguration(partitionCount: 1))

        let produced = try await sluice(["topic", "produce", "t", "--file", "bad.jsonl"] + options, in: directory)
        #expect(produced.status == 1)
        #expect(produced.standardError.contains("2 records to t (1 partition) before the failure"), "\(produced.standardError)")
        #expect(produced.standardError.contains("bad.jsonl, line 3"), "\(produced.standardError)")
        #expect(try log.describeTopic("t").partitions[0].endOffset == 2)

        let missing = try await sluice(["topic", "consume", "nope"] + options, in: directory)
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no topic 'nope'"), "\(missing.standardError)")
        await broker.stop()
    }
}
