import Foundation
import Testing
@testable import Warehouse
import SluiceCore

/// Scans open only the files that may hold matching rows: partition values rule out other
/// days, and per-file min/max statistics rule out files of a sorted column's other ranges.
@Suite struct PruningTests {
    static let schema = Schema([Field("day", .date), Field("seq", .int64, nullable: false), Field("note", .string)])
    static let firstDay: Int32 = 19_723  // 2024-01-01
    static let dayCount = 5
    static let appendCount = 4
    static let rowsPerDayPerAppend = 50

    /// Append `k` writes rows of every day with `seq` in `k*1000 ..< k*1000 + rows per day`:
    /// each append adds one file per day, and each file covers one `seq` range.
    static func makeTable(_ folder: ScratchFolder) throws -> Table {
        let table = try Table.create(fileSystem: LocalFileSystem(), path: folder.path + "/readings", schema: schema,
                                     partitionColumns: ["day"], sortColumns: ["seq"])
        for append in 0..<appendCount {
            var rows: [(Int32, Int64)] = []
            for day in 0..<dayCount {
                for offset in 0..<rowsPerDayPerAppend {
                    rows.append((firstDay + Int32(day), Int64(append * 1000 + day * rowsPerDayPerAppend + offset)))
                }
            }
            // Shuffled, so the sort key (not the input order) makes the file ranges tight.
            var random = SeededRandomGenerator(seed: UInt64(append))
            rows.shuffle(using: &random)
            try table.append([RecordBatch(schema: schema, columns: [
                try Column(type: .date, rows.map { .date($0.0) }),
                try Column(type: .int64, rows.map { .int64($0.1) }),
                try Column(type: .string, rows.map { .string("n\($0.1)") }),
            ])])
        }
        return table
    }

    /// The (day, seq) pairs a scan returns, sorted.
    static func rows(_ scan: inout TableScan) throws -> [String] {
        let batch = try scan.readAll()
        let day = try #require(batch.column(named: "day"))
        let seq = try #require(batch.column(named: "seq"))
        return (0..<batch.rowCount).map { "\(day[$0]) \(seq[$0])" }.sorted()
    }

    /// Every row of the table that `keep` accepts, in the form `rows(_:)` gives.
    static func expected(_ keep: (Int32, Int64) -> Bool) -> [String] {
        var result: [String] = []
        for append in 0..<appendCount {
            for day in 0..<dayCount {
                for offset in 0..<rowsPerDayPerAppend {
                    let date = firstDay + Int32(day)
                    let seq = Int64(append * 1000 + day * rowsPerDayPerAppend + offset)
                    if keep(date, seq) { result.append("\(Value.date(date)) \(seq)") }
                }
            }
        }
        return result.sorted()
    }

    @Test func predicateOnOneDayOpensOnlyThatDaysFiles() throws {
        let folder = try ScratchFolder()
        let table = try PruningTests.makeTable(folder)
        let snapshot = try table.snapshot()
        #expect(snapshot.files.count == PruningTests.dayCount * PruningTests.appendCount)

        var scan = try table.scan(predicates: [try ColumnPredicate(parsing: "day = 2024-01-03")])
        #expect(scan.files.count == PruningTests.appendCount)
        #expect(scan.files.allSatisfy { $0.partitionValues["day"] == "2024-01-03" })
        #expect(try PruningTests.rows(&scan) == PruningTests.expected { day, _ in day == PruningTests.firstDay + 2 })

        var later = try table.scan(predicates: [try ColumnPredicate(parsing: "day >= 2024-01-04")])
        #expect(later.files.count == 2 * PruningTests.appendCount)
        #expect(try PruningTests.rows(&later) == PruningTests.expected { day, _ in day >= PruningTests.firstDay + 3 })
    }

    @Test func rangeOnSortedColumnOpensOnlyFilesWhoseStatisticsOverlap() throws {
        let folder = try ScratchFolder()
        let table = try PruningTests.makeTable(folder)
        // Append 2's files hold seq 2000..<2250, one file per day of 50 values each.
        let predicates = [try ColumnPredicate(parsing: "seq >= 2060"), try ColumnPredicate(parsing: "seq < 2140")]
        var scan = try table.scan(predicates: predicates)
        // 2060..<2100 is day 2's range (2050..<2100), 2100..<2140 day 3's (2100..<2150).
        #expect(scan.files.count == 2)
        let statistics = scan.files.compactMap { scan.snapshot.statistics(of: $0)?.ranges["seq"] }
        #expect(statistics.count == 2)
        for range in statistics {
            #expect(range.min.flatMap { $0.compare(to: .int64(2139)) }.map { $0 <= 0 } == true)
            #expect(range.max.flatMap { $0.compare(to: .int64(2060)) }.map { $0 >= 0 } == true)
        }
        #expect(try PruningTests.rows(&scan) == PruningTests.expected { _, seq in seq >= 2060 && seq < 2140 })

        var wide = try table.scan(predicates: [try ColumnPredicate(parsing: "seq >= 1000"), try ColumnPredicate(parsing: "seq < 3000")])
        #expect(wide.files.count == 2 * PruningTests.dayCount)
        #expect(try PruningTests.rows(&wide) == PruningTests.expected { _, seq in seq >= 1000 && seq < 3000 })

        var none = try table.scan(predicates: [try ColumnPredicate(parsing: "seq > 999999")])
        #expect(none.files.isEmpty)
        #expect(try none.readAll().rowCount == 0)
    }

    @Test func dayAndRangeTogetherOpenOneFile() throws {
        let folder = try ScratchFolder()
        let table = try PruningTests.makeTable(folder)
        var scan = try table.scan(predicates: [try ColumnPredicate(parsing: "day = 2024-01-02"),
                                               try ColumnPredicate(parsing: "seq >= 3000")])
        #expect(scan.files.count == 1)
        #expect(try PruningTests.rows(&scan) == PruningTests.expected { day, seq in day == PruningTests.firstDay + 1 && seq >= 3000 })
    }

    @Test func predicateOrderDoesNotChangeThePruning() throws {
        let folder = try ScratchFolder()
        let table = try PruningTests.makeTable(folder)
        let predicates = [try ColumnPredicate(parsing: "seq < 1100"), try ColumnPredicate(parsing: "day <= 2024-01-02"),
                          try ColumnPredicate(parsing: "seq >= 1000")]
        let forward = try table.scan(predicates: predicates).files.map(\.path)
        let backward = try table.scan(predicates: predicates.reversed()).files.map(\.path)
        #expect(forward == backward)
        // Append 1's files of 2024-01-01 (seq 1000..<1050) and 2024-01-02 (1050..<1100).
        #expect(forward.count == 2)
    }

    @Test func unprunedScanWithFilterGivesTheSameRows() throws {
        let folder = try ScratchFolder()
        let table = try PruningTests.makeTable(folder)
        var scan = try table.scan(predicates: [try ColumnPredicate(parsing: "note = 'n1075'")])
        // Notes are not sorted per file; their string ranges overlap, so little is pruned.
        #expect(scan.files.count >= 1)
        #expect(try PruningTests.rows(&scan) == ["2024-01-02 1075"])
    }
}
