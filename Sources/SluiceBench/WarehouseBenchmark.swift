import Foundation
import Parquet
import SluiceCore
import Warehouse

/// Warehouse tables on TPC-H lineitem, Sluice against pyarrow and delta-rs in the same run:
/// 1. import the Parquet file into a table partitioned by `l_shipmode` (Sluice: read, write,
///    commit) against pyarrow reading it and writing the same Hive-partitioned dataset;
/// 2. open a table of 1,000 small commits (`Table(...).snapshot()`) against delta-rs's
///    `DeltaTable(path)`;
/// 3. read one day of a table partitioned by `l_shipdate`, counting the files and bytes the
///    pruned scan touches, against delta-rs reading the same day of the same table.
/// One thread each; times are the best of the runs.
struct WarehouseBenchmark {
    var inputPath: String?
    var importRunCount = 1
    var openRunCount = 5
    /// Keep the written tables in this folder instead of a temporary one.
    var keepDirectory: String?

    /// The day read in step 3, in the middle of lineitem's ship dates.
    static let prunedDay = "1995-06-17"
    static let commitCount = 1_000

    init(arguments: [String]) throws {
        let parsed = BenchmarkArguments(arguments)
        inputPath = parsed.inputPath
        keepDirectory = parsed.keepDirectory
        if let runs = parsed.runCount { importRunCount = runs }
    }

    private var cacheDirectory: String { FileManager.default.currentDirectoryPath + "/.build/bench-data" }

    func run() throws {
        let environment = try PythonEnvironment.standard()
        try environment.ensureModule("deltalake", package: "deltalake")
        let input = try inputPath ?? ParquetBenchmark.generateLineitem(environment)
        let scratch = keepDirectory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bench-warehouse-\(getpid())")
        try? FileManager.default.removeItem(at: scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { if keepDirectory == nil { try? FileManager.default.removeItem(at: scratch) } }

        report("workload: warehouse tables on TPC-H lineitem \(input), one thread each, best time")
        try importByShipMode(input, scratch: scratch.path, environment: environment)
        try openManyCommits(environment)
        try readOneDay(input, environment: environment)
    }

    /// Sluice alone, for profilers: `open` (step 2) or `day` (step 3), on the cached tables.
    func runSluiceOnly(step: String) throws {
        let seconds: Double
        switch step {
        case "open":
            let path = cacheDirectory + "/warehouse-\(WarehouseBenchmark.commitCount)-commits"
            try prepareManyCommitTable(path)
            seconds = try best(openRunCount) { _ = try Table(fileSystem: LocalFileSystem(), path: path).snapshot() }
        default:
            guard let input = inputPath else { throw Shell.Failure(command: "warehouse-day", status: 1, standardError: "needs lineitem") }
            let path = cacheDirectory + "/lineitem-by-shipdate"
            try prepareShipDateTable(path, input: input)
            let predicate = try ColumnPredicate(parsing: "l_shipdate = \(WarehouseBenchmark.prunedDay)")
            seconds = try best(openRunCount) {
                var scan = try Table(fileSystem: LocalFileSystem(), path: path).scan(predicates: [predicate])
                _ = try scan.readAll()
            }
        }
        report("\(step) \(seconds)")
    }

    // MARK: - 1. Import partitioned by ship mode

    private func importByShipMode(_ input: String, scratch: String, environment: PythonEnvironment) throws {
        let tablePath = scratch + "/lineitem-by-shipmode"
        var result: CommitResult?
        let sluiceSeconds = try best(importRunCount) {
            try? FileManager.default.removeItem(atPath: tablePath)
            let reader = try ParquetReader(fileSystem: LocalFileSystem(), path: input)
            let table = try Table.create(fileSystem: LocalFileSystem(), path: tablePath, schema: reader.schema,
                                         partitionColumns: ["l_shipmode"])
            let writer = try table.writer()
            for group in 0..<reader.rowGroupCount { try writer.write(try reader.readRowGroup(group)) }
            result = try writer.commit()
        }
        let table = try Table(fileSystem: LocalFileSystem(), path: tablePath)
        let snapshot = try table.snapshot()
        var sluiceCounts: [String: Int64] = [:]
        for file in snapshot.files {
            let mode = (file.partitionValues["l_shipmode"] ?? nil) ?? "null"
            sluiceCounts[mode, default: 0] += snapshot.statistics(of: file)?.numRecords ?? 0
        }

        let anchor = try environment.run(script: WarehouseBenchmark.pyarrowImportScript,
                                         arguments: [input, scratch + "/pyarrow-by-shipmode", String(importRunCount)])
        let lines = anchor.split(separator: "\n").map(String.init)
        let pyarrowSeconds = lines.first { $0.hasPrefix("seconds ") }.flatMap { Double($0.dropFirst("seconds ".count)) } ?? .nan
        var pyarrowCounts: [String: Int64] = [:]
        for line in lines where line.hasPrefix("count ") {
            // "count REG AIR 856868": the mode may hold spaces, the count is last.
            let parts = line.dropFirst("count ".count).split(separator: " ")
            if let last = parts.last, let count = Int64(last) { pyarrowCounts[parts.dropLast().joined(separator: " ")] = count }
        }
        let pyarrowThreadedSeconds = lines.first { $0.hasPrefix("threaded ") }.flatMap { Double($0.dropFirst("threaded ".count)) } ?? .nan
        report("")
        report("1. import lineitem partitioned by l_shipmode (read + write + commit)")
        report("   sluice  \(format(sluiceSeconds)) s  (\(result?.addedFiles ?? 0) files, \(megabytes(snapshot.sizeBytes)) MB, version \(snapshot.version))")
        report("   pyarrow \(format(pyarrowSeconds)) s  (read_table, string_view cast to string, dataset.write_dataset, hive partitioning)")
        report("   ratio   \(String(format: "%.2f", sluiceSeconds / pyarrowSeconds))x")
        report("   (pyarrow with all its threads: \(format(pyarrowThreadedSeconds)) s, not part of the ratio)")
        report("   rows per ship mode identical: \(sluiceCounts == pyarrowCounts ? "yes" : "NO: sluice \(sluiceCounts), pyarrow \(pyarrowCounts)")")
    }

    // MARK: - 2. Open a table of many commits

    private func openManyCommits(_ environment: PythonEnvironment) throws {
        let tablePath = cacheDirectory + "/warehouse-\(WarehouseBenchmark.commitCount)-commits-checkpointed"
        try prepareManyCommitTable(tablePath)
        var version: Int64 = -1
        let sluiceSeconds = try best(openRunCount) {
            version = try Table(fileSystem: LocalFileSystem(), path: tablePath).snapshot().version
        }
        let anchor = try environment.run(script: WarehouseBenchmark.deltaOpenScript, arguments: [tablePath, String(openRunCount)])
        let fields = anchor.split(separator: " ")
        let deltaSeconds = fields.count == 2 ? Double(fields[1].trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan : .nan
        report("")
        report("2. open a table of \(WarehouseBenchmark.commitCount) commits (a checkpoint every 10: the newest one and the commits after it are read)")
        report("   sluice   \(format(sluiceSeconds * 1000)) ms  Table(...).snapshot() -> version \(version)")
        report("   delta-rs \(format(deltaSeconds * 1000)) ms  DeltaTable(path), version \(fields.first ?? "?")")
        report("   ratio    \(String(format: "%.2f", sluiceSeconds / deltaSeconds))x")
    }

    /// A one-column table with `commitCount` single-row appends, made once and cached.
    private func prepareManyCommitTable(_ path: String) throws {
        if let table = try? Table(fileSystem: LocalFileSystem(), path: path),
           (try? table.snapshot().version) == Int64(WarehouseBenchmark.commitCount) {
            return
        }
        try? FileManager.default.removeItem(atPath: path)
        report("(creating \(path): \(WarehouseBenchmark.commitCount) commits, once)")
        let schema = Schema([Field("id", .int64, nullable: false), Field("note", .string)])
        let table = try Table.create(fileSystem: LocalFileSystem(), path: path, schema: schema)
        for id in 0..<Int64(WarehouseBenchmark.commitCount) {
            let batch = RecordBatch(schema: schema, columns: [try Column(type: .int64, [.int64(id)]),
                                                              try Column(type: .string, [.string("row \(id)")])])
            try table.append([batch])
        }
    }

    // MARK: - 3. Read one day of a table partitioned by ship date

    private func readOneDay(_ input: String, environment: PythonEnvironment) throws {
        let tablePath = cacheDirectory + "/lineitem-by-shipdate"
        try prepareShipDateTable(tablePath, input: input)
        let predicate = try ColumnPredicate(parsing: "l_shipdate = \(WarehouseBenchmark.prunedDay)")
        var touchedFiles: [AddFile] = []
        var rowCount = 0
        let sluiceSeconds = try best(openRunCount) {
            let table = try Table(fileSystem: LocalFileSystem(), path: tablePath)
            var scan = try table.scan(predicates: [predicate])
            touchedFiles = scan.files
            rowCount = try scan.readAll().rowCount
        }
        let snapshot = try Table(fileSystem: LocalFileSystem(), path: tablePath).snapshot()
        let dayFiles = snapshot.files.filter { $0.partitionValues["l_shipdate"] == WarehouseBenchmark.prunedDay }
        let anchor = try environment.run(script: WarehouseBenchmark.deltaReadDayScript,
                                         arguments: [tablePath, WarehouseBenchmark.prunedDay, String(openRunCount)])
        let answers = anchor.split(separator: "\n").map { $0.split(separator: " ") }
        func seconds(_ line: Int) -> Double { answers.count > line && answers[line].count == 2 ? Double(answers[line][1]) ?? .nan : .nan }
        func rows(_ line: Int) -> String { answers.count > line ? String(answers[line][0]) : "?" }
        let deltaSeconds = seconds(0)
        let touchedBytes = touchedFiles.reduce(0) { $0 + $1.size }
        report("")
        report("3. read l_shipdate = \(WarehouseBenchmark.prunedDay) from lineitem partitioned by l_shipdate (open + prune + read)")
        report("   table: \(snapshot.files.count) files, \(megabytes(snapshot.sizeBytes)) MB; that day: \(dayFiles.count) files, \(dayFiles.reduce(0) { $0 + $1.size }) bytes")
        report("   sluice   \(format(sluiceSeconds * 1000)) ms  touched \(touchedFiles.count) files, \(touchedBytes) bytes, \(rowCount) rows")
        report("   delta-rs \(format(deltaSeconds * 1000)) ms  to_pyarrow_table(partitions=[day]), pruned from the log, \(rows(0)) rows")
        report("   ratio    \(String(format: "%.2f", sluiceSeconds / deltaSeconds))x")
        report("   (delta-rs to_pyarrow_table(filters=[day]), every file handed to pyarrow: \(format(seconds(1) * 1000)) ms, \(rows(1)) rows)")
    }

    /// lineitem sorted by ship date and written in one commit partitioned by it, made once and
    /// cached. Sorting first gives one file per day; unsorted row groups would each add a file
    /// to every day they touch.
    private func prepareShipDateTable(_ path: String, input: String) throws {
        let markerPath = path + ".source"
        if let marker = try? String(contentsOfFile: markerPath, encoding: .utf8), marker == input,
           (try? Table(fileSystem: LocalFileSystem(), path: path)) != nil {
            return
        }
        try? FileManager.default.removeItem(atPath: path)
        report("(creating \(path) from \(input), once)")
        let start = DispatchTime.now().uptimeNanoseconds
        let reader = try ParquetReader(fileSystem: LocalFileSystem(), path: input)
        let all = RecordBatch.concatenate(try (0..<reader.rowGroupCount).map { try reader.readRowGroup($0) }, schema: reader.schema)
        guard let dayIndex = all.schema.index(of: "l_shipdate"), case .int32(let days) = all.columns[dayIndex].values else {
            throw Shell.Failure(command: "warehouse", status: 1, standardError: "\(input) has no DATE column l_shipdate")
        }
        let order = days.indices.sorted { days[$0] < days[$1] }
        let table = try Table.create(fileSystem: LocalFileSystem(), path: path, schema: reader.schema, partitionColumns: ["l_shipdate"])
        let writer = try table.writer()
        let chunkRowCount = 500_000
        for chunkStart in stride(from: 0, to: order.count, by: chunkRowCount) {
            try writer.write(all.take(Array(order[chunkStart..<min(order.count, chunkStart + chunkRowCount)])))
        }
        try writer.commit()
        try input.write(toFile: markerPath, atomically: true, encoding: .utf8)
        report("(created in \(format(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) s)")
    }

    // MARK: - Helpers

    private func best(_ runs: Int, _ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.min() ?? .nan
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }

    private func megabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }

    static let pyarrowImportScript = AnchorScript.load("warehouse_pyarrow_import")

    static let deltaOpenScript = AnchorScript.load("warehouse_delta_open")

    static let deltaReadDayScript = AnchorScript.load("warehouse_delta_read_day")
}
