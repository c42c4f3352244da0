import Parquet
import SluiceCore
import Testing

/// Row group pruning by the statistics pyarrow writes: 100,000 sorted rows in 10 row groups of
/// 10,000, so each predicate below can only match known row groups.
@Suite struct RowGroupSkippingTests {
    @Test func predicatesSelectOnlyTheRowGroupsThatCanMatch() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            let path = directory + "/sorted.parquet"
            try environment.runScript("write_sorted_ints.py", [path])
            let reader = try ParquetReader(fileSystem: LocalFileSystem(), path: path)
            #expect(reader.rowGroupCount == 10)

            let cases: [(predicates: [String], rowGroups: [Int])] = [
                (["x >= 95000"], [9]),
                (["x > 89999"], [9]),
                (["x < 10000"], [0]),
                (["x = 50000"], [5]),
                (["x <= 19999", "x >= 15000"], [1]),
                (["x > 99999"], []),
                (["key >= 'k95000'"], [9]),
                (["key = 'k00017'"], [0]),
                // The first row group holds only nulls in `maybe`: no comparison can be true there.
                (["maybe >= 0"], Array(1..<10)),
                // Dates, FIXED_LEN_BYTE_ARRAY decimals and millisecond timestamps: statistics
                // in the file's physical form, compared as Sluice values.
                (["day < '2022-04-18'"], [0]),
                (["day >= '2024-08-15'"], [9]),
                (["amount >= 950.00"], [9]),
                (["amount < 100"], [0]),
                (["moment >= '1970-01-02T02:23:20Z'"], [9]),
                (["moment < '1970-01-01T02:46:40Z'"], [0]),
            ]
            for (texts, expected) in cases {
                let predicates = try texts.map { try ColumnPredicate(parsing: $0) }
                let batches = try reader.batches(predicates: predicates)
                #expect(batches.selectedRowGroups == expected, "\(texts)")
            }

            var batches = try reader.batches(columns: ["x"], predicates: [ColumnPredicate(parsing: "x >= 95000")])
            var values: [Int64] = []
            while let batch = try batches.next() {
                guard case .int64(let column) = batch.columns[0].values else {
                    Issue.record("x is not read as INT64")
                    return
                }
                values.append(contentsOf: column)
            }
            #expect(values == Array(90_000..<100_000))
            #expect(values.filter { $0 >= 95_000 }.count == 5_000)
        }
    }

    /// Without statistics nothing can be ruled out: every row group is read.
    @Test func withoutStatisticsEveryRowGroupIsRead() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { directory in
            let path = directory + "/sorted.parquet"
            try environment.runScript("write_sorted_ints.py", [path, "--no-statistics"])
            let reader = try ParquetReader(fileSystem: LocalFileSystem(), path: path)
            let batches = try reader.batches(predicates: [ColumnPredicate(parsing: "x >= 95000"),
                                                          ColumnPredicate(parsing: "key = 'k00017'")])
            #expect(batches.selectedRowGroups == Array(0..<10))
        }
    }
}
