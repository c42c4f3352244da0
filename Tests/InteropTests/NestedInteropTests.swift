import Foundation
import Parquet
import SluiceCore
import Testing

/// Nested files (structs, lists, maps) between Sluice and pyarrow: Sluice reads what pyarrow
/// writes in every layout it offers, pyarrow reads what Sluice writes, and Sluice reads a Delta
/// checkpoint written by delta-rs. Rows compare in the canonical JSON form of
/// `python/nested_files.py`.
@Suite struct NestedInteropTests {
    /// A checkpoint delta-rs (the `deltalake` package) wrote for a small partitioned table, made
    /// by `python/make_delta_checkpoint.py`.
    static let deltaCheckpointPath = InteropEnvironment.packageRootPath + "/Tests/InteropTests/python/fixtures/delta-rs-checkpoint.parquet"

    @Test func sluiceReadsNestedFilesPyarrowWrote() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            try environment.runScript("nested_files.py", ["write", directory])
            let manifest = try CanonicalDump.decode(NestedDump.Manifest.self, fromFile: directory + "/manifest.json")
            #expect(manifest.files.count == 9)
            for (name, dump) in manifest.files.sorted(by: { $0.key < $1.key }) {
                do {
                    try NestedInteropTests.expectReadsLikePyarrow(directory + "/" + name + ".parquet", dump, name)
                } catch {
                    Issue.record("\(name): Sluice failed to read it: \(error)")
                }
            }
            // Only the asked fields, in the order asked.
            let reader = try NestedParquetReader(fileSystem: LocalFileSystem(), path: directory + "/dictionary_v2_gzip.parquet")
            let projected = try reader.readRows(columns: ["counts", "id"])
            let all = try reader.readRows()
            let counts = try #require(reader.schema.index(of: "counts"))
            let id = try #require(reader.schema.index(of: "id"))
            #expect(projected == all.map { [$0[counts], $0[id]] })
        }
    }

    @Test func sluiceReadsADeltaCheckpointFromDeltaRs() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            try environment.runScript("nested_files.py", ["dump", directory + "/dump.json", NestedInteropTests.deltaCheckpointPath])
            let dumps = try CanonicalDump.decode(NestedDump.Manifest.self, fromFile: directory + "/dump.json")
            let dump = try #require(dumps.files["delta-rs-checkpoint.parquet"])
            try NestedInteropTests.expectReadsLikePyarrow(NestedInteropTests.deltaCheckpointPath, dump, "delta-rs checkpoint")
        }
        let reader = try NestedParquetReader(fileSystem: LocalFileSystem(), path: NestedInteropTests.deltaCheckpointPath)
        let stringMap = NestedType.map(key: .primitive(.string), value: .primitive(.string), valueNullable: true)
        guard case .structure(let addFields)? = reader.schema.fields.first(where: { $0.name == "add" })?.type else {
            Issue.record("no add struct in \(reader.schema)")
            return
        }
        #expect(addFields.first { $0.name == "partitionValues" } == NestedField("partitionValues", stringMap, nullable: false))
        #expect(addFields.first { $0.name == "path" } == NestedField("path", .primitive(.string), nullable: false))
        let actions = try reader.readRows(columns: ["add", "remove", "metaData", "protocol"])
        let kinds = actions.map { row in row.firstIndex { !$0.isNull } }
        #expect(kinds.filter { $0 == 0 }.count == 4)
        #expect(kinds.filter { $0 == 1 }.count == 1)
        #expect(kinds.filter { $0 == 2 }.count == 1)
        #expect(kinds.filter { $0 == 3 }.count == 1)
    }

    /// Sluice writes nested files (its own rows, and everything it read from pyarrow's and
    /// delta-rs's files, in other layouts) and pyarrow must read exactly those rows.
    @Test func pyarrowReadsNestedFilesSluiceWrote() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            let sources = directory + "/sources"
            try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
            try environment.runScript("nested_files.py", ["write", sources])
            let sourceDumps = try CanonicalDump.decode(NestedDump.Manifest.self, fromFile: sources + "/manifest.json")
            var written: [String: (schema: NestedSchema, rows: [[NestedValue]], sourceTypes: [String]?)] = [:]
            let fileSystem = LocalFileSystem()
            var rewrites = sourceDumps.files.keys.sorted().map { ($0, sources + "/" + $0 + ".parquet") }
            rewrites.append(("delta-rs-checkpoint", NestedInteropTests.deltaCheckpointPath))
            for (index, (name, path)) in rewrites.enumerated() {
                let reader = try NestedParquetReader(fileSystem: fileSystem, path: path)
                let rows = try reader.readRows()
                var options = ParquetWriterOptions(codec: [CompressionCodec.snappy, .gzip, .uncompressed][index % 3])
                options.pageSizeBytes = index % 2 == 0 ? 300 : 1 << 20
                options.rowGroupRowCountMax = index % 2 == 0 ? 64 : 1 << 20
                try NestedInteropTests.write(rows, schema: reader.schema, options: options, to: directory + "/" + name + ".parquet")
                // Legacy list names (`item`) become the standard `element`, so pyarrow's types differ.
                let sourceTypes = name == "legacy_item_names" ? nil : sourceDumps.files[name]?.fields?.map(\.type)
                written[name] = (reader.schema, rows, sourceTypes)
            }
            let sample = NestedInteropTests.deepSample()
            try NestedInteropTests.write(sample.rows, schema: sample.schema, options: ParquetWriterOptions(codec: .gzip),
                                         to: directory + "/deep.parquet")
            written["deep"] = (sample.schema, sample.rows, nil)

            let names = written.keys.sorted()
            try environment.runScript("nested_files.py", ["dump", directory + "/dump.json"] + names.map { directory + "/" + $0 + ".parquet" })
            let dumps = try CanonicalDump.decode(NestedDump.Manifest.self, fromFile: directory + "/dump.json")
            for name in names {
                let (schema, rows, sourceTypes) = written[name]!
                guard let dump = dumps.files[name + ".parquet"], dump.error == nil, let fields = dump.fields, let dumpRows = dump.rows else {
                    Issue.record("\(name): pyarrow could not read Sluice's file: \(dumps.files[name + ".parquet"]?.error ?? "no dump")")
                    continue
                }
                #expect(fields.map(\.name) == schema.fields.map(\.name), "\(name)")
                #expect(fields.map(\.nullable) == schema.fields.map(\.isNullable), "\(name)")
                if let sourceTypes {
                    #expect(fields.map(\.type) == sourceTypes, "\(name): pyarrow's types of the rewritten file")
                }
                NestedInteropTests.expectSameRows(rows, schema: schema, dumpRows, "\(name) as pyarrow reads it")
            }
            let deepTypes = dumps.files["deep.parquet"]?.fields?.map(\.type) ?? []
            #expect(deepTypes.first == "list<element: struct<x: int32 not null, tags: list<element: string>>>", "\(deepTypes)")
        }
    }

    // MARK: - Helpers

    static func write(_ rows: [[NestedValue]], schema: NestedSchema, options: ParquetWriterOptions, to path: String) throws {
        let writer = try NestedParquetWriter(file: LocalFileSystem().create(path, overwrite: true), schema: schema, options: options)
        try writer.write(rows)
        try writer.close()
    }

    /// Checks that Sluice reads `path` as pyarrow did: the same fields, nullability, row groups
    /// and rows.
    static func expectReadsLikePyarrow(_ path: String, _ dump: NestedDump, _ name: String) throws {
        guard dump.error == nil, let fields = dump.fields, let rows = dump.rows else {
            Issue.record("\(name): pyarrow could not read it: \(dump.error ?? "no rows")")
            return
        }
        let reader = try NestedParquetReader(fileSystem: LocalFileSystem(), path: path)
        #expect(reader.schema.fields.map(\.name) == fields.map(\.name), "\(name)")
        #expect(reader.schema.fields.map(\.isNullable) == fields.map(\.nullable), "\(name)")
        #expect(reader.metadata.rowGroups.count == dump.rowGroupCount, "\(name)")
        #expect(Int(reader.rowCount) == dump.rowCount, "\(name)")
        expectSameRows(try reader.readRows(), schema: reader.schema, rows, name)
    }

    /// Records an issue naming the first rows and fields where Sluice's rows differ from a dump's.
    static func expectSameRows(_ actual: [[NestedValue]], schema: NestedSchema, _ expected: [[CanonicalNestedValue]],
                               _ context: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        if actual.count != expected.count {
            Issue.record("\(context): \(actual.count) rows, expected \(expected.count)", sourceLocation: sourceLocation)
        }
        var differences: [String] = []
        for (index, (row, expectedRow)) in zip(actual, expected).enumerated() {
            let canonical = zip(row, schema.fields).map { CanonicalNestedValue($0, $1.type) }
            guard canonical != expectedRow else { continue }
            for (field, (got, wanted)) in zip(schema.fields, zip(canonical, expectedRow)) where got != wanted {
                differences.append("row \(index) \(field.name): got \(got), expected \(wanted)")
            }
            if differences.count >= 3 { break }
        }
        if !differences.isEmpty {
            Issue.record("\(context): \(differences.prefix(3).joined(separator: "; "))", sourceLocation: sourceLocation)
        }
    }

    /// Deeper nesting than a checkpoint, with required fields and elements at several levels.
    static func deepSample() -> (schema: NestedSchema, rows: [[NestedValue]]) {
        let point = NestedType.structure([
            NestedField("x", .primitive(.int32), nullable: false),
            NestedField("tags", .list(element: .primitive(.string), elementNullable: true)),
        ])
        let schema = NestedSchema([
            NestedField("points", .list(element: point, elementNullable: true)),
            NestedField("groups", .map(key: .primitive(.string), value: .list(element: .primitive(.int64), elementNullable: false),
                                       valueNullable: true)),
            NestedField("matrix", .list(element: .list(element: .primitive(.float64), elementNullable: true), elementNullable: false),
                        nullable: false),
            NestedField("lookup", .map(key: .primitive(.int64), value: point, valueNullable: false)),
            NestedField("when", .structure([
                NestedField("day", .primitive(.date)), NestedField("at", .primitive(.timestamp), nullable: false),
                NestedField("amount", .primitive(.decimal(precision: 38, scale: 4))), NestedField("raw", .primitive(.binary)),
            ])),
        ])
        var random = SeededRandomGenerator(seed: 11)
        func text() -> NestedValue { .value(.string(["", "a", "Zürich", "日本語", "🍕", "line\nbreak"].randomElement(using: &random)!)) }
        func maybe(_ value: @autoclosure () -> NestedValue) -> NestedValue { random.chance(1, in: 5) ? .null : value() }
        func count() -> Int { [0, 1, 2, 3].randomElement(using: &random)! }
        func pointValue() -> NestedValue {
            .structure([.value(.int32(Int32.random(in: -100...100, using: &random))),
                        maybe(.list((0..<count()).map { _ in maybe(text()) }))])
        }
        var rows: [[NestedValue]] = []
        for _ in 0..<300 {
            let points = maybe(.list((0..<count()).map { _ in maybe(pointValue()) }))
            let groups = maybe(.map((0..<count()).map { number in
                NestedMapEntry(key: .value(.string("g\(number)")),
                               value: maybe(.list((0..<count()).map { _ in .value(.int64(Int64.random(in: -1000...1000, using: &random))) })))
            }))
            let matrix = NestedValue.list((0..<count()).map { _ in
                .list((0..<count()).map { _ in maybe(.value(.float64(Double(Int.random(in: -50...50, using: &random)) / 4))) })
            })
            let lookup = maybe(.map((0..<count()).map { number in NestedMapEntry(key: .value(.int64(Int64(number) * 7)), value: pointValue()) }))
            let when = maybe(.structure([
                maybe(.value(.date(Int32.random(in: -700_000...2_900_000, using: &random)))),
                .value(.timestamp(Int64.random(in: -60_000_000_000_000_000...200_000_000_000_000_000, using: &random))),
                maybe(.value(.decimal(Int128(Int64.random(in: Int64.min...Int64.max, using: &random)) * 1_000_003, scale: 4))),
                maybe(.value(.binary((0..<count()).map { _ in UInt8.random(in: 0...255, using: &random) }))),
            ]))
            rows.append([points, groups, matrix, lookup, when])
        }
        return (schema, rows)
    }
}
