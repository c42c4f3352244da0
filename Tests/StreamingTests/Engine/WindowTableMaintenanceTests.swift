import Foundation
import SluiceCore
import Testing
import Warehouse
@testable import Streaming

/// Table maintenance beside a running windowed stream: compaction and deletes never touch the
/// file of open windows the sink replaces every batch, so the table stays exact.
@Suite("Window tables under compaction and deletes")
struct WindowTableMaintenanceTests {
    /// Clicks per page in 10-second windows, a batch per record, so every retired window has a
    /// small final file of its own.
    private static func query(_ context: StreamingContext, output: String) throws -> StreamQuery {
        try context.stream(topic: "clicks")
            .map { $0.valueText }
            .withWatermark(maxOutOfOrdernessMillis: 0)
            .keyBy { $0 }
            .window(.tumbling(10.seconds))
            .count()
            .toTable(output, keyColumn: "page", valueColumn: "views")
    }

    private static func produce(_ log: InMemoryTopicLog, _ clicks: [(Int64, String)]) throws {
        try log.produce(topic: "clicks", partition: 0, records: clicks.map { LogRecord(timestampMillis: $0.0, value: Array($0.1.utf8)) })
    }

    /// "start page views" per row, sorted.
    private static func rows(_ table: Table) throws -> [String] {
        var scan = try table.scan(columns: ["window_start", "page", "views"])
        let batch = try scan.readAll()
        return (0..<batch.rowCount).map { row in
            let values = batch.row(row)
            guard case .timestamp(let micros) = values[0] else { return "\(values)" }
            return "\(micros / 1_000_000) \(values[1]) \(values[2])"
        }.sorted()
    }

    @Test func compactionLeavesTheOpenWindowsFileAndTheTableStaysExact() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = InMemoryTopicLog()
        try log.createTopic("clicks", configuration: TopicConfiguration(partitionCount: 1))
        try Self.produce(log, [(1_000, "a"), (5_000, "a"), (12_000, "a"), (25_000, "a"), (41_000, "b"), (43_000, "b")])
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: "views", cap: 1))
        let output = directory.path + "/views"
        let query = try Self.query(context, output: output)
        try query.run(until: .caughtUp)

        let table = try Table(fileSystem: LocalFileSystem(), path: output)
        let open = try table.snapshot().files.filter { $0.replacingWriter != nil }
        #expect(open.count == 1 && open[0].replacingWriter == "views")
        #expect(try table.snapshot().files.count >= 3, "retired windows wrote final files of their own")
        let compaction = try #require(try table.optimize(targetFileSizeBytes: 1 << 20))
        #expect(compaction.version > 0)
        let afterCompaction = try table.snapshot().files
        #expect(afterCompaction.count == 2, "the final files in one, the open file as it was")
        #expect(afterCompaction.contains(open[0]))

        // The open window grows and a new one opens: the sink replaces its open file, and the
        // compacted rows of the final windows stay once.
        try Self.produce(log, [(45_000, "b"), (52_000, "a")])
        try query.run(until: .caughtUp)
        #expect(try Self.rows(table) == ["0 a 2", "10 a 1", "20 a 1", "40 b 3", "50 a 1"])
    }

    @Test func aDeleteOfOpenWindowsIsRefusedNamingTheStreamAndOneOfFinalWindowsWorks() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = InMemoryTopicLog()
        try log.createTopic("clicks", configuration: TopicConfiguration(partitionCount: 1))
        try Self.produce(log, [(1_000, "a"), (12_000, "a"), (41_000, "b")])
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: "views", cap: 1))
        let output = directory.path + "/views"
        let query = try Self.query(context, output: output)
        try query.run(until: .caughtUp)
        let table = try Table(fileSystem: LocalFileSystem(), path: output)

        let versionBefore = try table.snapshot().version
        do {
            try table.delete(where: [try ColumnPredicate(parsing: "page = 'b'")])
            Issue.record("a delete of rows the stream replaces must be refused")
        } catch let error as SluiceError {
            #expect(error.fault == .userInput)
            #expect(error.message.contains("open windows of stream 'views'"), "\(error.message)")
        }
        #expect(try table.snapshot().version == versionBefore)

        #expect(try table.delete(where: [try ColumnPredicate(parsing: "page = 'a'")]) != nil)
        try Self.produce(log, [(44_000, "b")])
        try query.run(until: .caughtUp)
        #expect(try Self.rows(table) == ["40 b 2"])
    }
}
