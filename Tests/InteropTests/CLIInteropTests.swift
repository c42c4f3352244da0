import Foundation
import Testing

/// The `sluice` executable end to end: a CSV imported by `sluice import` must read in DuckDB as
/// the same rows Python's csv module sees in the source.
@Suite struct CLIInteropTests {
    /// What `orders_check.py` reports.
    struct OrdersReport: Decodable {
        struct CSVSide: Decodable {
            var rowCount: Int
            var amountSum: String
            var amountNulls: Int
            var distinctStatus: Int
        }

        struct DuckDBSide: Decodable {
            var rowCount: Int
            var amountSum: String
            var amountNulls: Int
            var distinctStatus: Int
            var types: [String: String]
        }

        var csv: CSVSide
        var duckdb: DuckDBSide
    }

    /// The `sluice` binary of this build: beside the test bundle (SwiftPM puts every product of
    /// a configuration in one directory), else in the package's `.build/debug`.
    static func sluiceExecutable() throws -> String {
        let bundle = URL(fileURLWithPath: Bundle.main.bundlePath)
        let candidates = [
            bundle.appendingPathComponent("sluice").path,
            bundle.deletingLastPathComponent().appendingPathComponent("sluice").path,
            InteropEnvironment.packageRootPath + "/.build/debug/sluice",
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw InteropFailure("no sluice executable among \(candidates); build it with `swift build --build-tests`")
        }
        return found
    }

    @Test func importedOrdersReadTheSameInDuckDB() throws {
        let environment = try InteropEnvironment.shared()
        let sluice = try CLIInteropTests.sluiceExecutable()
        let csvPath = InteropEnvironment.packageRootPath + "/datasets/orders.csv"
        try TemporaryDirectory.with { directory in
            let parquetPath = directory + "/orders.parquet"
            try CommandRunner.runChecked([sluice, "import", csvPath, "--to", parquetPath])
            let reportPath = directory + "/orders.json"
            try environment.runScript("orders_check.py", [csvPath, parquetPath, reportPath])
            let report = try CanonicalDump.decode(OrdersReport.self, fromFile: reportPath)

            #expect(report.csv.rowCount == 2000)
            #expect(report.duckdb.rowCount == report.csv.rowCount)
            #expect(report.duckdb.amountNulls == report.csv.amountNulls)
            #expect(report.duckdb.distinctStatus == report.csv.distinctStatus)
            let csvSum = try #require(Double(report.csv.amountSum))
            let duckDBSum = try #require(Double(report.duckdb.amountSum))
            // DuckDB adds doubles, Python adds exact decimals of cents: equal to the cent.
            #expect(abs(csvSum - duckDBSum) < 0.005, "sum(amount): csv \(report.csv.amountSum), DuckDB \(report.duckdb.amountSum)")
            #expect(report.duckdb.types["order_id"] == "BIGINT")
            #expect(report.duckdb.types["order_date"] == "DATE")
            #expect(report.duckdb.types["amount"] == "DOUBLE")
            #expect(report.duckdb.types["customer"] == "VARCHAR")
        }
    }

    /// What `job_table_check.py` reports.
    struct JobTableReport: Decodable {
        var version: Int
        var rowCount: Int
        var distinctCustomers: Int
        var rowsSum: Int
        var csvRowCount: Int
        var mismatches: [String]
    }

    /// A job's `saveAsTable` (the top-n job's `--table`) makes a table the deltalake package reads,
    /// with the totals Python computes from the same CSV, and a second run replaces its rows.
    @Test func aJobsSavedTableReadsInDeltaLake() throws {
        let environment = try InteropEnvironment.shared()
        let sluice = try CLIInteropTests.sluiceExecutable()
        let csvPath = InteropEnvironment.packageRootPath + "/datasets/orders.csv"
        try TemporaryDirectory.with { directory in
            let tablePath = directory + "/totals"
            for _ in 0..<2 {
                try CommandRunner.runChecked([sluice, "submit", "top-n", "--input", csvPath, "--table", tablePath,
                                              "--master", "local[2]", "--parallelism", "3"])
            }
            let reportPath = directory + "/report.json"
            try environment.runScript("job_table_check.py", [csvPath, tablePath, reportPath])
            let report = try CanonicalDump.decode(JobTableReport.self, fromFile: reportPath)
            #expect(report.version == 2, "a create and two one-commit overwrites")
            #expect(report.rowCount == report.distinctCustomers)
            #expect(report.rowsSum == report.csvRowCount && report.csvRowCount == 2000)
            #expect(report.mismatches.isEmpty, "totals that differ from Python's: \(report.mismatches)")
        }
    }

    struct StreamTableReport: Decodable {
        var version: Int
        var rowCount: Int
        var duplicates: Int
        var viewsSum: Int
        var expectedSum: Int
        var streamingCommits: Int
        var mismatches: [String]
    }

    /// A stream pipeline's window table (commits that remove and add files with a `txn`, over
    /// several runs) reads in the deltalake package with exactly the counts Python computes from
    /// the events: no window twice, none missing.
    @Test func aStreamPipelinesWindowTableReadsInDeltaLake() throws {
        let environment = try InteropEnvironment.shared()
        let sluice = try CLIInteropTests.sluiceExecutable()
        try TemporaryDirectory.with { directory in
            let settings = ["SLUICE_HOME": directory + "/home", "SLUICE_WAREHOUSE": directory + "/warehouse"]
            let eventsPath = directory + "/clicks.jsonl"
            let generator = InteropEnvironment.packageRootPath + "/datasets/clickstream.py"
            try CommandRunner.runChecked([sluice, "topic", "create", "clicks", "--partitions", "2"], environment: settings)
            var allEvents = ""
            for (chunk, start) in ["2024-03-01T08:00:00Z", "2024-03-01T08:03:00Z", "2024-03-01T08:40:00Z"].enumerated() {
                let chunkPath = directory + "/chunk\(chunk).jsonl"
                let generated = try CommandRunner.runChecked(
                    ["python3", generator, "--events", "3000", "--seed", String(chunk + 1), "--start", start, "--malformed-fraction", "0.01"])
                try generated.standardOutput.write(toFile: chunkPath, atomically: true, encoding: .utf8)
                allEvents += generated.standardOutput
                try CommandRunner.runChecked([sluice, "topic", "produce", "clicks", "--key", "user_id", "--file", chunkPath, "--send-malformed"],
                                             environment: settings)
                try CommandRunner.runChecked([sluice, "pipeline", "run", "clickstream-kappa", "--until", "caught-up"], environment: settings)
            }
            try allEvents.write(toFile: eventsPath, atomically: true, encoding: .utf8)
            let reportPath = directory + "/report.json"
            try environment.runScript("stream_table_check.py", [eventsPath, directory + "/warehouse/page_views_g1", reportPath])
            let report = try CanonicalDump.decode(StreamTableReport.self, fromFile: reportPath)
            #expect(report.duplicates == 0)
            #expect(report.mismatches.isEmpty, "windows that differ from Python's counts: \(report.mismatches)")
            #expect(report.viewsSum == report.expectedSum && report.expectedSum > 8_000)
            #expect(report.streamingCommits >= 3 && report.version >= report.streamingCommits)
        }
    }
}
