import Foundation
import SluiceCore
import Testing
import Warehouse

/// Warehouse tables against delta-rs (the `deltalake` Python package): tables Sluice writes
/// read in delta-rs as exactly the rows Sluice reads, at every version, with the same version
/// number, schema, partition columns and history; tables delta-rs writes read in Sluice as
/// exactly the rows delta-rs reads, at every version.
@Suite struct DeltaInteropTests {
    // MARK: - What delta_dump.py reports

    struct DeltaDump: Decodable {
        struct SchemaField: Decodable {
            var name: String
            var type: String
            var nullable: Bool
        }

        struct HistoryEntry: Decodable {
            var version: Int64?
            var operation: String?
        }

        struct VersionRows: Decodable {
            var version: Int64
            var columns: [String]
            var fileCount: Int
            var rows: [[String?]]
        }

        struct TableDump: Decodable {
            var error: String?
            var version: Int64?
            var schema: [SchemaField]?
            var partitionColumns: [String]?
            var minReaderVersion: Int?
            var minWriterVersion: Int?
            var history: [HistoryEntry]?
            var versions: [VersionRows]?
        }

        var tables: [String: TableDump]
    }

    // MARK: - Sluice's side

    /// The Delta type name delta-rs must report for a column Sluice holds as `type`.
    static func deltaTypeName(_ type: DataType) -> String {
        switch type {
        case .boolean: "boolean"
        case .int32: "integer"
        case .int64: "long"
        case .float64: "double"
        case .string: "string"
        case .binary: "binary"
        case .date: "date"
        case .timestamp: "timestamp"
        case .decimal(let precision, let scale): "decimal(\(precision),\(scale))"
        }
    }

    /// Every row of a version as canonical texts, in schema order.
    static func sluiceRows(_ table: Table, version: Int64) throws -> (columns: [String], rows: [[String?]], fileCount: Int) {
        let snapshot = try table.snapshot(version: version)
        var scan = try table.scan(snapshot: snapshot)
        let batch = try scan.readAll()
        let columns = batch.columns.map(CanonicalText.texts)
        let rows = (0..<batch.rowCount).map { row in columns.map { $0[row] } }
        return (snapshot.schema.fields.map(\.name), rows, snapshot.files.count)
    }

    /// Rows in one order whichever reader produced them: by column, nulls first, then by the
    /// UTF-8 bytes of the texts.
    static func sorted(_ rows: [[String?]]) -> [[String?]] {
        rows.sorted { left, right in
            for (a, b) in zip(left, right) where !ValueComparison.sameBytes(a, b) {
                guard let a else { return true }
                guard let b else { return false }
                return a.utf8.lexicographicallyPrecedes(b.utf8)
            }
            return left.count < right.count
        }
    }

    /// Compares two readers' rows of one version, row sets exactly.
    static func expectSameRows(_ actual: [[String?]], _ expected: [[String?]], columns: [String], _ context: String,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(context): \(actual.count) rows, expected \(expected.count)",
                sourceLocation: sourceLocation)
        let actualSorted = sorted(actual)
        let expectedSorted = sorted(expected)
        for (index, name) in columns.enumerated() {
            ValueComparison.expectSame(actualSorted.map { $0[index] }, expectedSorted.map { $0[index] }, "\(context): column \(name)",
                                       sourceLocation: sourceLocation)
        }
    }

    /// Compares what delta-rs saw of a table with what Sluice sees of it.
    static func expectSameTable(_ table: Table, _ dump: DeltaDump.TableDump, name: String) throws {
        guard dump.error == nil, let versions = dump.versions, let schema = dump.schema else {
            Issue.record("\(name): delta-rs could not read it: \(dump.error ?? "no versions")")
            return
        }
        let snapshot = try table.snapshot()
        #expect(dump.version == snapshot.version, "\(name): newest version")
        #expect(schema.map(\.name) == snapshot.schema.fields.map(\.name), "\(name): columns")
        #expect(schema.map(\.type) == snapshot.schema.fields.map { deltaTypeName($0.type) }, "\(name): types")
        #expect(schema.map(\.nullable) == snapshot.schema.fields.map(\.isNullable), "\(name): nullability")
        #expect(dump.partitionColumns == snapshot.partitionColumns, "\(name): partition columns")

        let history = try table.history()
        #expect(dump.history?.map(\.operation) == history.map(\.operation), "\(name): history operations")
        for (theirs, ours) in zip(dump.history ?? [], history) where theirs.version != nil {
            #expect(theirs.version == ours.version, "\(name): history versions")
        }

        #expect(versions.map(\.version) == Array(0...snapshot.version), "\(name): versions delta-rs read")
        for expected in versions {
            let ours = try sluiceRows(table, version: expected.version)
            let context = "\(name) version \(expected.version)"
            #expect(expected.columns == ours.columns, "\(context): columns")
            #expect(expected.fileCount == ours.fileCount, "\(context): data files")
            expectSameRows(ours.rows, expected.rows, columns: ours.columns, context)
        }
    }

    // MARK: - Tables Sluice writes

    static let typedSchema = Schema([
        Field("id", .int64, nullable: false), Field("name", .string), Field("amount", .float64), Field("flag", .boolean),
        Field("day", .date), Field("ts", .timestamp), Field("price", .decimal(precision: 10, scale: 2)), Field("blob", .binary),
        Field("small", .int32),
    ])

    static let partitionedSchema = Schema([
        Field("id", .int64, nullable: false), Field("region", .string), Field("bucket", .int32), Field("day", .date),
        Field("amount", .float64),
    ])

    /// Region names include characters that must be escaped in folder names and in log paths.
    static let regions: [String?] = ["EU", "US", "Latin America/South", "a=b %c", nil]

    static func maybe(_ value: Value, _ random: inout SeededRandomGenerator, nullPercent: Int = 15) -> Value {
        random.chance(nullPercent, in: 100) ? .null : value
    }

    static func typedRows(_ ids: Range<Int64>, _ random: inout SeededRandomGenerator) throws -> RecordBatch {
        let names = ["alpha", "beta", "gamma", "", "naïve ☃"]
        var rows: [[Value]] = []
        for id in ids {
            rows.append([
                .int64(id),
                maybe(.string(names[Int.random(in: 0..<names.count, using: &random)]), &random),
                maybe(.float64(Double(Int.random(in: -100_000...100_000, using: &random)) / 1000), &random),
                maybe(.boolean(Bool.random(using: &random)), &random),
                maybe(.date(Int32.random(in: 19_000...20_500, using: &random)), &random),
                maybe(.timestamp(Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &random) + 1_704_067_200_000_000),
                      &random),
                maybe(.decimal(Int128(Int64.random(in: -999_999_999...999_999_999, using: &random)), scale: 2), &random),
                maybe(.binary((0..<Int.random(in: 0..<6, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }),
                      &random),
                maybe(.int32(Int32.random(in: Int32.min...Int32.max, using: &random)), &random),
            ])
        }
        return try batch(rows, schema: typedSchema)
    }

    static func partitionedRows(_ ids: Range<Int64>, _ random: inout SeededRandomGenerator) throws -> RecordBatch {
        var rows: [[Value]] = []
        for id in ids {
            rows.append([
                .int64(id),
                regions[Int.random(in: 0..<regions.count, using: &random)].map(Value.string) ?? .null,
                maybe(.int32(Int32.random(in: -2...2, using: &random)), &random, nullPercent: 20),
                maybe(.date(19_783 + Int32.random(in: 0..<3, using: &random)), &random, nullPercent: 20),
                maybe(.float64(Double(Int.random(in: 0...10_000, using: &random)) / 100), &random),
            ])
        }
        return try batch(rows, schema: partitionedSchema)
    }

    static func batch(_ rows: [[Value]], schema: Schema) throws -> RecordBatch {
        RecordBatch(schema: schema, columns: try schema.fields.indices.map { column in
            try Column(type: schema.fields[column].type, rows.map { $0[column] })
        })
    }

    /// Unpartitioned, sorted by id, every type: append, append, delete, overwrite, append.
    static func writeTypedTable(_ path: String) throws -> Table {
        var random = SeededRandomGenerator(seed: 11)
        let table = try Table.create(fileSystem: LocalFileSystem(), path: path, schema: typedSchema, sortColumns: ["id"])
        try table.append([try typedRows(0..<150, &random), try typedRows(150..<300, &random)])
        try table.append([try typedRows(300..<500, &random)])
        try #require(try table.delete(where: [try ColumnPredicate(parsing: "amount > 50")]) != nil)
        try table.overwrite([try typedRows(1000..<1150, &random)])
        try table.append([try typedRows(2000..<2050, &random)])
        return table
    }

    /// Partitioned by a string, an int and a date, with nulls in each: append, append, delete
    /// of a partition, delete of some rows, overwrite, append.
    static func writePartitionedTable(_ path: String) throws -> Table {
        var random = SeededRandomGenerator(seed: 12)
        let table = try Table.create(fileSystem: LocalFileSystem(), path: path, schema: partitionedSchema,
                                     partitionColumns: ["region", "bucket", "day"])
        try table.append([try partitionedRows(0..<300, &random)])
        try table.append([try partitionedRows(300..<600, &random)])
        try #require(try table.delete(where: [try ColumnPredicate(parsing: "region = 'EU'")]) != nil)
        try #require(try table.delete(where: [try ColumnPredicate(parsing: "amount < 10")]) != nil)
        try table.overwrite([try partitionedRows(1000..<1200, &random)])
        try table.append([try partitionedRows(2000..<2100, &random)])
        return table
    }

    @Test func deltaLakeReadsTablesSluiceWrote() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            let tables = ["typed": try DeltaInteropTests.writeTypedTable(directory + "/typed"),
                          "partitioned": try DeltaInteropTests.writePartitionedTable(directory + "/partitioned")]
            #expect(try tables["typed"]!.snapshot().version == 5)
            #expect(try tables["partitioned"]!.snapshot().version == 6)
            let dumpPath = directory + "/dump.json"
            try environment.runScript("delta_dump.py", [dumpPath] + tables.keys.sorted().map { directory + "/" + $0 })
            let dump = try CanonicalDump.decode(DeltaDump.self, fromFile: dumpPath)
            for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
                let tableDump = try #require(dump.tables[name], "no dump of \(name)")
                try DeltaInteropTests.expectSameTable(table, tableDump, name: name)
                #expect(tableDump.minReaderVersion == 1 && tableDump.minWriterVersion == 2, "\(name): protocol")
            }
            // The partition values that need escaping reached delta-rs intact.
            let partitioned = try #require(dump.tables["partitioned"]?.versions?.last)
            let regions = Set(partitioned.rows.map { $0[1] })
            #expect(regions.isSuperset(of: ["Latin America/South", "a=b %c", nil]))
        }
    }

    @Test func sluiceReadsTablesDeltaLakeWrote() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            let dumpPath = directory + "/dump.json"
            try environment.runScript("delta_write.py", [directory, dumpPath])
            let dump = try CanonicalDump.decode(DeltaDump.self, fromFile: dumpPath)
            #expect(dump.tables.keys.sorted() == ["partitioned", "typed"])
            for (name, tableDump) in dump.tables.sorted(by: { $0.key < $1.key }) {
                let table = try Table(fileSystem: LocalFileSystem(), path: directory + "/" + name)
                try DeltaInteropTests.expectSameTable(table, tableDump, name: name)
            }
            let typed = try Table(fileSystem: LocalFileSystem(), path: directory + "/typed")
            #expect(try typed.history().map(\.operation) == ["OPTIMIZE", "WRITE", "WRITE", "DELETE", "WRITE", "WRITE"])
            // Pruning on delta-rs's partition values and statistics gives the rows a filter would.
            let partitioned = try Table(fileSystem: LocalFileSystem(), path: directory + "/partitioned")
            var pruned = try partitioned.scan(predicates: [try ColumnPredicate(parsing: "region = 'a=b %c'"),
                                                           try ColumnPredicate(parsing: "amount >= 50")])
            let prunedRows = try pruned.readAll()
            #expect(pruned.files.count < (try partitioned.snapshot().files.count))
            let expected = try #require(dump.tables["partitioned"]?.versions?.last?.rows).filter {
                $0[1] == "a=b %c" && ($0[4].flatMap(Double.init) ?? -1) >= 50
            }
            #expect(prunedRows.rowCount == expected.count)
        }
    }
}
