import Parquet
import SluiceCore
import Testing

/// Files pyarrow, DuckDB and tpchgen-cli write, read by Sluice: every row group of every
/// column must give exactly the values pyarrow reads from the same file.
@Suite struct SluiceReadsTests {
    /// `write_files.py`'s manifest: each file's pyarrow dump and which tool wrote it.
    struct Manifest: Decodable {
        struct Entry: Decodable {
            var dump: CanonicalDump
            var writer: String
        }

        var files: [String: Entry]
    }

    /// The canonical texts of every column of a file, all row groups in order.
    static func canonicalColumns(_ reader: ParquetReader) throws -> [[String?]] {
        var columns = [[String?]](repeating: [], count: reader.schema.count)
        var batches = try reader.batches()
        #expect(batches.selectedRowGroups == Array(0..<reader.rowGroupCount))
        while let batch = try batches.next() {
            for (index, column) in batch.columns.enumerated() {
                columns[index].append(contentsOf: CanonicalText.texts(column))
            }
        }
        return columns
    }

    /// Checks that Sluice reads `path` as pyarrow did: the same columns, nullability, a Sluice
    /// type that fits pyarrow's, the same row groups and exactly the same values.
    static func expectReadsLikePyarrow(_ path: String, _ dump: CanonicalDump, name: String) throws {
        guard dump.error == nil, let expectedColumns = dump.columns else {
            Issue.record("\(name): pyarrow could not read it: \(dump.error ?? "no columns")")
            return
        }
        let reader = try ParquetReader(fileSystem: LocalFileSystem(), path: path)
        #expect(reader.schema.fields.map(\.name) == expectedColumns.map(\.name), "\(name): columns")
        #expect(Int(reader.rowCount) == dump.rowCount, "\(name): row count")
        if let rowGroups = dump.rowGroups {
            #expect(reader.rowGroupCount == rowGroups.count, "\(name): row group count")
        }
        for (field, expected) in zip(reader.schema.fields, expectedColumns) {
            #expect(field.type == TypeNames.sluiceType(forArrow: expected.type),
                    "\(name): \(field.name) is \(field.type) for arrow type \(expected.type)")
            #expect(field.isNullable == expected.nullable, "\(name): nullability of \(field.name)")
        }
        let columns = try canonicalColumns(reader)
        for (index, expected) in expectedColumns.enumerated() where index < columns.count {
            ValueComparison.expectSame(columns[index], expected.values, "\(name): column \(expected.name)")
        }
    }

    @Test func sluiceReadsFilesPyarrowAndDuckDBWrote() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            try environment.runScript("write_files.py", [directory])
            let manifest = try CanonicalDump.decode(Manifest.self, fromFile: directory + "/manifest.json")
            #expect(manifest.files.values.filter { $0.writer == "pyarrow" }.count >= 9)
            #expect(manifest.files.values.filter { $0.writer == "duckdb" }.count >= 4)
            for (name, entry) in manifest.files.sorted(by: { $0.key < $1.key }) {
                do {
                    try SluiceReadsTests.expectReadsLikePyarrow(directory + "/" + name + ".parquet", entry.dump, name: name)
                } catch {
                    Issue.record("\(name) (written by \(entry.writer)): Sluice failed to read it: \(error)")
                }
            }
        }
    }

    /// DuckDB's answers to a few aggregates over lineitem, and the row count per
    /// (returnflag, linestatus) as in TPC-H query 1.
    struct LineitemReport: Decodable {
        var dump: CanonicalDump
        var aggregates: [String: String]
        var groups: [String: Int]
    }

    @Test func sluiceReadsTPCHLineitemFromTpchgen() throws {
        let environment = try InteropEnvironment.shared()
        let lineitem = try environment.lineitemPath()
        try TemporaryDirectory.with { directory in
            let reportPath = directory + "/lineitem.json"
            try environment.runScript("lineitem.py", [lineitem, reportPath])
            let report = try CanonicalDump.decode(LineitemReport.self, fromFile: reportPath)
            try SluiceReadsTests.expectReadsLikePyarrow(lineitem, report.dump, name: "lineitem")

            let reader = try ParquetReader(fileSystem: LocalFileSystem(), path: lineitem)
            #expect(reader.rowCount == 60_175)
            var totals = LineitemTotals()
            var batches = try reader.batches()
            while let batch = try batches.next() { try totals.add(batch) }
            #expect(totals.rowCount == 60_175)
            let computed: [String: String] = [
                "row_count": String(totals.rowCount),
                "sum_quantity": Value.formatDecimal(totals.quantitySum, scale: 2),
                "sum_extendedprice": Value.formatDecimal(totals.extendedPriceSum, scale: 2),
                "sum_discount": Value.formatDecimal(totals.discountSum, scale: 2),
                "distinct_returnflag": String(totals.returnFlags.count),
                "distinct_shipmode": String(totals.shipModes.count),
                "min_shipdate": String(totals.shipDateMin),
                "max_shipdate": String(totals.shipDateMax),
                "shipped_by_q1_cutoff": String(totals.shippedByCutoffCount),
                "max_orderkey": String(totals.orderKeyMax),
            ]
            for (name, value) in report.aggregates.sorted(by: { $0.key < $1.key }) {
                #expect(computed[name] == value, "lineitem \(name): Sluice \(computed[name] ?? "-"), DuckDB \(value)")
            }
            #expect(totals.flagGroups == report.groups)
        }
    }
}
