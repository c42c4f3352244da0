import Foundation
import Testing
@testable import Warehouse
import SluiceCore

@Suite struct SchemaEvolutionTests {
    private func table(_ folder: ScratchFolder) throws -> Table {
        try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/orders", schema: SampleRows.schema,
                         partitionColumns: ["country"], sortColumns: ["id"], properties: ["owner": "sales"],
                         clock: ManualWallClock(startMillis: 1_700_000_000_000))
    }

    private func widened(_ rows: [(Int64, String?, Double?, String?)]) throws -> RecordBatch {
        let narrow = try SampleRows.batch(rows.map { ($0.0, $0.1, $0.2) })
        return RecordBatch(schema: Schema(SampleRows.schema.fields + [Field("note", .string)]),
                           columns: narrow.columns + [try Column(type: .string, rows.map { $0.3.map(Value.string) ?? .null })])
    }

    @Test func oldFilesReadNewColumnsAsNulls() throws {
        let folder = try ScratchFolder()
        let table = try table(folder)
        try table.append([try SampleRows.batch([(1, "DE", 1), (2, "FR", 2)])])
        let before = try table.snapshot()

        let result = try table.addColumns([Field("note", .string), Field("score", .int32)])
        #expect(result.addedFiles == 0)
        let after = try table.snapshot()
        #expect(after.schema.fields.map(\.name) == ["id", "country", "amount", "note", "score"])
        #expect(after.metadata.id == before.metadata.id)
        #expect(after.partitionColumns == ["country"])
        #expect(after.properties == before.properties)
        #expect(after.files == before.files)
        #expect(try table.history(limit: 1)[0].operation == "ADD COLUMNS")

        try table.append([try widened([(3, "DE", 3, "new"), (4, "US", 4, nil)])])
        try table.append([try SampleRows.batch([(5, "FR", 5)])])
        var scan = try table.scan(columns: ["id", "note", "score"])
        let rows = try scan.readAll().sorted(by: ["id"])
        #expect(rows.rowCount == 5)
        #expect((0..<5).map { rows.columns[1][$0] } == [.null, .null, .string("new"), .null, .null])
        #expect(rows.columns[2].nullCount == 5)

        var filtered = try table.scan(predicates: [try ColumnPredicate(parsing: "note = 'new'")])
        let matching = try filtered.readAll()
        #expect(matching.rowCount == 1)
        #expect(matching.columns[0][0] == .int64(3))

        // Versions before the change keep their schema; compaction merges old and new files.
        #expect(try table.snapshot(version: before.version).schema == SampleRows.schema)
        let multiset = try TableOpsFixtures.rowMultiset(table)
        #expect(try table.optimize() != nil)
        #expect(try TableOpsFixtures.rowMultiset(table) == multiset)
    }

    @Test func refusesNotNullAndTakenNames() throws {
        let folder = try ScratchFolder()
        let table = try table(folder)
        let notNull = try #require(throws: SluiceError.self) { try table.addColumns([Field("note", .string, nullable: false)]) }
        #expect(notNull.fault == .userInput)
        #expect(notNull.message.contains("nullable"))
        let taken = try #require(throws: SluiceError.self) { try table.addColumns([Field("AMOUNT", .float64)]) }
        #expect(taken.message.contains("already has a column"))
        #expect(throws: SluiceError.self) { try table.addColumns([Field("note", .string), Field("Note", .string)]) }
        #expect(throws: SluiceError.self) { try table.addColumns([]) }
        #expect(try table.snapshot().version == 0)
    }

    @Test func keepsOtherWritersFieldsAsWritten() throws {
        let original = #"{"type":"struct","fields":[{"name":"small","type":"short","nullable":true,"metadata":{"comment":"kept"}}]}"#
        let extended = try Table.appending([Field("note", .string)], toSchemaString: original)
        let root = try LogJSON.decode(JSONValue.self, from: extended)
        guard case .array(let fields)? = root["fields"] else { Issue.record("no fields"); return }
        #expect(fields.count == 2)
        #expect(fields[0]["type"] == .string("short"))
        #expect(fields[0]["metadata"]?["comment"] == .string("kept"))
        #expect(fields[1]["name"] == .string("note"))
        #expect(fields[1]["nullable"] == .bool(true))
    }
}
