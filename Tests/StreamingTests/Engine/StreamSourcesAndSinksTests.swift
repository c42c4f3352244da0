import Dataflow
import Foundation
import SluiceCore
import Testing
import Warehouse
@testable import Streaming

@Suite("Stream dead letters, joins and change feeds")
struct StreamSourcesAndSinksTests {
    static let pageViews = try! Schema(parsing: "user STRING, page STRING, country STRING")

    @Test("records a closure throws on go to the dead-letter topic with the reason, and the rest go on")
    func deadLetters() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let log = InMemoryTopicLog()
        try log.createTopic("views", configuration: TopicConfiguration(partitionCount: 2))
        try log.produce(topic: "views", partition: 0, records: ["ann,home", "garbage", "bob,cart"].map { LogRecord(timestampMillis: 1, value: Array($0.utf8)) })
        try log.produce(topic: "views", partition: 1, records: ["cy,home", "x"].map { LogRecord(timestampMillis: 2, value: Array($0.utf8)) })
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: "views", cap: 100))
        let output = directory.path + "/views"
        let query = try context.stream(topic: "views")
            .map { message -> (String, String) in
                let fields = message.valueText.split(separator: ",")
                guard fields.count == 2 else { throw SluiceError.userInput("expected user,page") }
                return (String(fields[0]), String(fields[1]))
            }
            .toTable(output, encoding: TableRowEncoding(schema: try Schema(parsing: "user STRING, page STRING")) { [.string($0.0), .string($0.1)] })
        let progress = try query.runBatch()
        #expect(progress.recordsRead == 5)
        #expect(progress.deadLetterCount == 2)
        #expect(progress.rowsCommitted == 3)
        let letters = log.allRecords("views.dead-letter").map { String(decoding: $0.value, as: UTF8.self) }
        #expect(letters.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(letters[0].utf8)) as! [String: Any]
        #expect(first["topic"] as? String == "views")
        #expect(first["partition"] as? Int == 0)
        #expect(first["offset"] as? Int == 1)
        #expect(first["value"] as? String == "garbage")
        #expect((first["error"] as? String)?.contains("expected user,page") == true)
        var scan = try Table(fileSystem: LocalFileSystem(), path: output).scan()
        #expect(try scan.readAll().rowCount == 3)
    }

    @Test("a stream joins the newest version of a table, left outer, reloaded when it changes")
    func tableJoin() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let usersPath = directory.path + "/users"
        let users = try Table.create(fileSystem: LocalFileSystem(), path: usersPath, schema: try Schema(parsing: "user STRING, country STRING"))
        try users.append([RecordBatch(schema: users.snapshot().schema, columns: [
            try Column.repeating(.string("ann"), type: .string, count: 1), try Column.repeating(.string("FR"), type: .string, count: 1),
        ])])
        let log = InMemoryTopicLog()
        try log.createTopic("views", configuration: TopicConfiguration(partitionCount: 1))
        try log.produce(topic: "views", partition: 0, records: ["ann,home", "bob,cart"].map { LogRecord(timestampMillis: 1, value: Array($0.utf8)) })
        let context = StreamingContext(log: log, configuration: EngineTestSupport.configuration(directory, name: "joined", cap: 100))
        let output = directory.path + "/joined"
        let query = try context.stream(topic: "views")
            .map { message -> (user: String, page: String) in
                let fields = message.valueText.split(separator: ",")
                return (String(fields[0]), String(fields[1]))
            }
            .join(table: usersPath, key: { $0.user }, tableKeyColumn: "user") { view, user in
                Row(schema: Self.pageViews, values: [.string(view.user), .string(view.page), (try user?["country"]) ?? .null])
            }
            .toTable(output, schema: Self.pageViews)
        _ = try query.runBatch()
        try users.append([RecordBatch(schema: users.snapshot().schema, columns: [
            try Column.repeating(.string("bob"), type: .string, count: 1), try Column.repeating(.string("DE"), type: .string, count: 1),
        ])])
        try log.produce(topic: "views", partition: 0, records: [LogRecord(timestampMillis: 3, value: Array("bob,home".utf8))])
        _ = try query.runBatch()
        var scan = try Table(fileSystem: LocalFileSystem(), path: output).scan()
        let batch = try scan.readAll()
        let rows = (0..<batch.rowCount).map { batch.row($0).map(\.description).joined(separator: " ") }.sorted()
        #expect(rows == ["ann home FR", "bob cart NULL", "bob home DE"])
    }

    @Test("a table's change feed is a source whose offsets are versions")
    func changeFeedSource() throws {
        let directory = EngineTestDirectory()
        defer { directory.remove() }
        let sourcePath = directory.path + "/accounts"
        let source = try Table.create(fileSystem: LocalFileSystem(), path: sourcePath, schema: try Schema(parsing: "name STRING, balance INT64"))
        func append(_ name: String, _ balance: Int64) throws {
            try source.append([RecordBatch(schema: source.snapshot().schema, columns: [
                try Column.repeating(.string(name), type: .string, count: 1), try Column.repeating(.int64(balance), type: .int64, count: 1),
            ])])
        }
        try append("ann", 10)
        try append("bob", 20)
        try source.delete(where: [ColumnPredicate(column: "name", .equal, .string("ann"))])
        let context = StreamingContext(log: InMemoryTopicLog(), configuration: EngineTestSupport.configuration(directory, name: "cdc", cap: 100))
        let schema = try Schema(parsing: "name STRING, change STRING, version INT64")
        let output = directory.path + "/changes"
        let query = try context.changes(table: sourcePath, fromVersion: 1)
            .map { row in Row(schema: schema, values: [try row["name"], try row[ChangeFeed.changeTypeColumn], try row[ChangeFeed.commitVersionColumn]]) }
            .toTable(output, schema: schema)
        let first = try query.runBatch()
        #expect(first.startOffsets == [1])
        #expect(first.endOffsets == [4])
        try append("cy", 30)
        let second = try query.runBatch()
        #expect(second.startOffsets == [4])
        #expect(second.recordsRead == 1)
        var scan = try Table(fileSystem: LocalFileSystem(), path: output).scan()
        let batch = try scan.readAll()
        let rows = (0..<batch.rowCount).map { batch.row($0).map(\.description).joined(separator: " ") }
        #expect(rows.sorted() == ["ann delete 3", "ann insert 1", "bob insert 2", "cy insert 4"])
    }
}
