import Parquet
import SluiceCore
import Testing

/// Files Sluice writes, read back by pyarrow and DuckDB: values, types, nullability, row group
/// layout, codecs, encodings and footer statistics must be what Sluice meant to write.
@Suite struct SluiceWritesTests {
    /// One way of writing the sample table.
    struct Layout: Sendable, CustomStringConvertible {
        var name: String
        var options: ParquetWriterOptions
        var description: String { name }
    }

    static let rowCount = 3000

    static let layouts: [Layout] = {
        var layouts: [Layout] = []
        for codec in [CompressionCodec.uncompressed, .snappy, .gzip, .zstd] {
            for dictionaryEnabled in [true, false] {
                var options = ParquetWriterOptions(codec: codec)
                options.dictionaryEnabled = dictionaryEnabled
                options.rowGroupRowCountMax = 1000
                options.pageSizeBytes = 2048
                layouts.append(Layout(name: "\(codec.name.lowercased())_\(dictionaryEnabled ? "dictionary" : "plain")",
                                      options: options))
            }
        }
        layouts.append(Layout(name: "defaults", options: ParquetWriterOptions()))
        var overflow = ParquetWriterOptions(codec: .snappy)
        overflow.dictionaryPageSizeBytesMax = 4096
        overflow.pageSizeBytes = 512
        layouts.append(Layout(name: "dictionary_overflow", options: overflow))
        return layouts
    }()

    @Test func pyarrowAndDuckDBReadWhatSluiceWrote() throws {
        let table = SampleTable(rowCount: SluiceWritesTests.rowCount, seed: 7)
        let batches = try table.batches()
        try writeAndCheck(SluiceWritesTests.layouts.map { ($0, table, batches) })
    }

    /// Files without rows (nothing written, or one empty batch) and with a single row.
    @Test func emptyAndSingleRowFilesRead() throws {
        let empty = SampleTable(rowCount: 0, seed: 1)
        let oneRow = SampleTable(rowCount: 1, seed: 1)
        let options = ParquetWriterOptions()
        try writeAndCheck([
            (Layout(name: "nothing_written", options: options), empty, []),
            (Layout(name: "empty_batch", options: options), empty, [RecordBatch(emptyOf: SampleTable.schema)]),
            (Layout(name: "one_row", options: options), oneRow, try oneRow.batches()),
        ])
    }

    /// Writes each table's batches in its layout, has pyarrow and DuckDB read all the files in
    /// one run of the script, and checks what every reader (Sluice included) got.
    private func writeAndCheck(_ files: [(layout: Layout, table: SampleTable, batches: [RecordBatch])]) throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            for (layout, _, batches) in files {
                let writer = try ParquetWriter(file: LocalFileSystem().create(directory + "/" + layout.name + ".parquet", overwrite: true),
                                               schema: SampleTable.schema, options: layout.options)
                for batch in batches { try writer.write(batch) }
                try writer.close()
            }
            let dumpPath = directory + "/dumps.json"
            try environment.runScript("read_files.py", [dumpPath] + files.map { directory + "/" + $0.layout.name + ".parquet" })
            let dumps = try CanonicalDump.decode(ReaderDumps.self, fromFile: dumpPath)
            for (layout, table, _) in files {
                guard let readers = dumps.files[layout.name + ".parquet"] else {
                    Issue.record("no dump of \(layout.name)")
                    continue
                }
                checkPyarrow(readers.pyarrow, table: table, layout: layout)
                checkDuckDB(readers.duckdb, table: table, layout: layout)
                try checkSluiceReadsItBack(directory + "/" + layout.name + ".parquet", table: table, layout: layout)
            }
        }
    }

    private func checkPyarrow(_ dump: CanonicalDump, table: SampleTable, layout: Layout) {
        let file = "\(layout.name) (pyarrow)"
        guard dump.error == nil, let columns = dump.columns, let rowGroups = dump.rowGroups else {
            Issue.record("\(file) could not be read: \(dump.error ?? "no columns")")
            return
        }
        #expect(dump.rowCount == table.rowCount, "\(file)")
        #expect(columns.map(\.name) == SampleTable.schema.fields.map(\.name), "\(file)")
        for (index, (field, column)) in zip(SampleTable.schema.fields, columns).enumerated() {
            #expect(column.type == TypeNames.arrow(field.type), "\(file): type of \(field.name)")
            #expect(column.nullable == field.isNullable, "\(file): nullability of \(field.name)")
            ValueComparison.expectSame(column.values, table.texts(column: index), "\(file): column \(field.name)")
        }
        let groupRowCountMax = layout.options.rowGroupRowCountMax
        let expectedGroupRowCounts = stride(from: 0, to: table.rowCount, by: groupRowCountMax).map {
            min(groupRowCountMax, table.rowCount - $0)
        }
        #expect(rowGroups.map(\.rowCount) == expectedGroupRowCounts, "\(file): row groups")
        var groupStart = 0
        for (groupIndex, group) in rowGroups.enumerated() {
            let rows = groupStart..<(groupStart + group.rowCount)
            groupStart = rows.upperBound
            for (index, (field, chunk)) in zip(SampleTable.schema.fields, group.columns).enumerated() {
                let place = "\(file): row group \(groupIndex), column \(field.name)"
                #expect(chunk.compression == layout.options.codec.name, "\(place): codec")
                if !layout.options.dictionaryEnabled {
                    #expect(!chunk.hasDictionaryPage && !chunk.encodings.contains("RLE_DICTIONARY"), "\(place): \(chunk.encodings)")
                }
                let expected = table.statistics(column: index, rows: rows)
                #expect(chunk.nullCount == expected.nullCount, "\(place): null count")
                #expect(ValueComparison.sameBytes(chunk.min, expected.min), "\(place): min \(chunk.min ?? "none"), expected \(expected.min ?? "none")")
                #expect(ValueComparison.sameBytes(chunk.max, expected.max), "\(place): max \(chunk.max ?? "none"), expected \(expected.max ?? "none")")
            }
        }
        checkEncodings(rowGroups, table: table, layout: layout)
    }

    /// The layouts meant to exercise dictionaries must really have used them.
    private func checkEncodings(_ rowGroups: [CanonicalDump.RowGroup], table: SampleTable, layout: Layout) {
        guard layout.options.dictionaryEnabled, table.rowCount >= 1000, let first = rowGroups.first else { return }
        let chunks = Dictionary(uniqueKeysWithValues: first.columns.map { ($0.column, $0) })
        // 97 distinct codes over 1000 rows: the writer must choose a dictionary.
        #expect(chunks["code"]?.encodings.contains("RLE_DICTIONARY") == true, "\(layout.name): code \(chunks["code"]?.encodings ?? [])")
        if layout.name == "dictionary_overflow" {
            // Half the labels repeat and half are distinct: the dictionary must fill up midway
            // and the rest of the chunk must be written PLAIN.
            let label = chunks["label"]
            #expect(label?.hasDictionaryPage == true, "\(layout.name): label has no dictionary page")
            #expect(label?.encodings.contains("RLE_DICTIONARY") == true && label?.encodings.contains("PLAIN") == true,
                    "\(layout.name): label encodings \(label?.encodings ?? [])")
        }
    }

    private func checkDuckDB(_ dump: CanonicalDump, table: SampleTable, layout: Layout) {
        let file = "\(layout.name) (DuckDB)"
        guard dump.error == nil, let columns = dump.columns else {
            Issue.record("\(file) could not be read: \(dump.error ?? "no columns")")
            return
        }
        #expect(dump.rowCount == table.rowCount, "\(file)")
        #expect(columns.map(\.name) == SampleTable.schema.fields.map(\.name), "\(file)")
        for (index, (field, column)) in zip(SampleTable.schema.fields, columns).enumerated() {
            #expect(column.type == TypeNames.duckDB(field.type), "\(file): type of \(field.name)")
            ValueComparison.expectSame(column.values, table.texts(column: index), "\(file): column \(field.name)")
        }
    }

    /// Sluice's own reader must agree too, or the comparison above would be of little use.
    private func checkSluiceReadsItBack(_ path: String, table: SampleTable, layout: Layout) throws {
        let reader = try ParquetReader(fileSystem: LocalFileSystem(), path: path)
        #expect(reader.schema.fields == SampleTable.schema.fields, "\(layout.name): schema read back")
        try checkPageLayout(reader, layout: layout)
        let read = try SluiceReadsTests.canonicalColumns(reader)
        for (index, field) in SampleTable.schema.fields.enumerated() {
            ValueComparison.expectSame(read[index], table.texts(column: index), "\(layout.name) (Sluice): column \(field.name)")
        }
    }

    /// The layouts with small pages and the overflowing dictionary must have produced the pages
    /// they are meant to test, as the footer's encoding statistics count them.
    private func checkPageLayout(_ reader: ParquetReader, layout: Layout) throws {
        if layout.options.pageSizeBytes <= 2048 {
            // Small pages must really split column chunks: one page per chunk would test much
            // less than the layout claims. (Dictionary-encoded chunks can stay one page, since
            // their indices are small; the fixed-width decimals never use a dictionary.)
            for (groupIndex, rowGroup) in reader.metadata.rowGroups.enumerated() {
                let pageCounts = rowGroup.columns.map { dataPageCounts($0.metaData).values.reduce(0, +) }
                #expect(pageCounts.filter { $0 >= 3 }.count >= 2, "\(layout.name): row group \(groupIndex) data pages \(pageCounts)")
            }
        }
        if layout.name == "dictionary_overflow" {
            // Several pages of dictionary indices, then several PLAIN pages in the same chunk.
            let labelColumn = try #require(reader.schema.index(of: "label"))
            let counts = dataPageCounts(reader.metadata.rowGroups[0].columns[labelColumn].metaData)
            #expect((counts[.rleDictionary] ?? 0) >= 2 && (counts[.plain] ?? 0) >= 2, "\(layout.name): label pages \(counts)")
        }
    }

    /// Data pages per encoding, from the footer's encoding statistics.
    private func dataPageCounts(_ metaData: ColumnMetaData?) -> [Encoding: Int] {
        var counts: [Encoding: Int] = [:]
        for stats in metaData?.encodingStats ?? [] where stats.pageType == .dataPage {
            counts[stats.encoding, default: 0] += Int(stats.count)
        }
        return counts
    }
}
