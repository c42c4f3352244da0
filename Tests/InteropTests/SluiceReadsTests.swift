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

/// Aggregates over lineitem batches, computed from Sluice's columns.
private struct LineitemTotals {
    /// 1998-09-02 (1998-12-01 minus 90 days, TPC-H query 1's cutoff) as days since 1970-01-01.
    static let q1CutoffDay: Int32 = 10_471

    var rowCount = 0
    var quantitySum: Int128 = 0
    var extendedPriceSum: Int128 = 0
    var discountSum: Int128 = 0
    var returnFlags: Set<String> = []
    var shipModes: Set<String> = []
    var shipDateMin = Int32.max
    var shipDateMax = Int32.min
    var shippedByCutoffCount = 0
    var orderKeyMax = Int64.min
    var flagGroups: [String: Int] = [:]

    mutating func add(_ batch: RecordBatch) throws {
        func column(_ name: String) throws -> Column {
            guard let column = batch.column(named: name) else { throw InteropFailure("lineitem has no \(name)") }
            return column
        }
        let quantity = try column("l_quantity"), price = try column("l_extendedprice"), discount = try column("l_discount")
        let returnFlag = try column("l_returnflag"), lineStatus = try column("l_linestatus")
        let shipMode = try column("l_shipmode"), shipDate = try column("l_shipdate"), orderKey = try column("l_orderkey")
        for row in 0..<batch.rowCount {
            rowCount += 1
            if case .decimal(let value, 2) = quantity[row] { quantitySum += value }
            if case .decimal(let value, 2) = price[row] { extendedPriceSum += value }
            if case .decimal(let value, 2) = discount[row] { discountSum += value }
            if case .string(let flag) = returnFlag[row], case .string(let status) = lineStatus[row] {
                returnFlags.insert(flag)
                flagGroups[flag + "|" + status, default: 0] += 1
            }
            if case .string(let mode) = shipMode[row] { shipModes.insert(mode) }
            if case .date(let day) = shipDate[row] {
                shipDateMin = min(shipDateMin, day)
                shipDateMax = max(shipDateMax, day)
                if day <= LineitemTotals.q1CutoffDay { shippedByCutoffCount += 1 }
            }
            if case .int64(let key) = orderKey[row] { orderKeyMax = max(orderKeyMax, key) }
        }
    }
}
