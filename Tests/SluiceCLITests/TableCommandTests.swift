import Foundation
import SluiceCore
import Testing
@testable import SluiceCommandLine

/// The warehouse commands (`sluice table ...`, `sluice import --table`) run as a user runs
/// them, each test in its own temporary warehouse.
@Suite struct TableCommandTests {
    private let cli = CLIEndToEndTests()

    /// A temporary folder and a warehouse inside it.
    private struct Warehouse {
        let directory: ScratchDirectory
        var path: String { directory.url.appendingPathComponent("warehouse").path }
        var options: [String] { ["--warehouse", path] }

        init() throws { directory = try ScratchDirectory() }

        func tablePath(_ name: String) -> String { path + "/" + name }
    }

    private static var ordersCSV: String { CLIEndToEndTests.ordersCSV }
    private static var clicksJSONL: String { CLIEndToEndTests.packageRoot.appendingPathComponent("datasets/clicks.jsonl").path }
    private static var citiesCSV: String { CLIEndToEndTests.packageRoot.appendingPathComponent("datasets/cities.csv").path }

    /// The orders sample without its header.
    private static func ordersRows() throws -> [[String]] {
        Array(try CSVText.parse(String(contentsOfFile: ordersCSV, encoding: .utf8)).dropFirst())
    }

    @discardableResult
    private func run(_ arguments: [String], in warehouse: Warehouse, expectStatus status: Int32 = 0,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CLIEndToEndTests.Run {
        let result = try cli.sluice(arguments + warehouse.options)
        #expect(result.status == status, "\(arguments): \(result.standardError)", sourceLocation: sourceLocation)
        return result
    }

    @discardableResult
    private func importOrders(into warehouse: Warehouse, extra: [String] = []) throws -> CLIEndToEndTests.Run {
        try run(["import", TableCommandTests.ordersCSV, "--table", "orders", "--partition-by", "country"] + extra, in: warehouse)
    }

    /// The table's rows as CSV records, header first.
    private func catCSV(_ table: String, _ extra: [String] = [], in warehouse: Warehouse) throws -> [[String]] {
        CSVText.parse(try run(["table", "cat", table, "--format", "csv"] + extra, in: warehouse).standardOutput)
    }

    /// The `version` column of `table list --format csv` for one table.
    private func listedVersion(_ table: String, in warehouse: Warehouse) throws -> String? {
        let records = CSVText.parse(try run(["table", "list", "--format", "csv"], in: warehouse).standardOutput)
        return records.first { $0.first == table }?[1]
    }

    // MARK: - create, describe, list

    @Test func createDescribeAndList() throws {
        let warehouse = try Warehouse()
        let created = try run(["table", "create", "events", "--schema", "id INT64 NOT NULL, name STRING, ts TIMESTAMP, day DATE",
                               "--partition-by", "day", "--sort-by", "id,ts", "--property", "delta.appendOnly=true",
                               "--property", "owner=data-team"], in: warehouse)
        #expect(created.standardError == "created table 'events' (4 columns) at \(warehouse.tablePath("events")): version 0\n")
        #expect(created.standardOutput.isEmpty)
        #expect(FileManager.default.fileExists(atPath: warehouse.tablePath("events") + "/_delta_log/00000000000000000000.json"))

        let describe = try run(["table", "describe", "events"], in: warehouse).standardOutput
        for expected in ["table:          events\n", "location:       \(warehouse.tablePath("events"))\n", "version:        0 (committed ",
                         "files:          0\n", "rows:           0\n", "size:           0 bytes\n", "partitioned by: day\n",
                         "sort key:       id, ts\n", "  delta.appendOnly = true\n", "  owner = data-team\n",
                         "  id    INT64 NOT NULL  (sort key 1)\n", "  name  STRING\n", "  ts    TIMESTAMP       (sort key 2)\n",
                         "  day   DATE            (partition column)\n"] {
            #expect(describe.contains(expected), "missing \(expected.debugDescription) in\n\(describe)")
        }
        let tableId = try #require(describe.split(separator: "\n").first { $0.hasPrefix("table id:") })
        #expect(tableId.split(separator: " ").last?.count == 36, "\(tableId)")
        #expect(describe.contains(/\ncreated: +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\n/), "\(describe)")

        try run(["table", "create", "notes", "--schema", "text STRING"], in: warehouse)
        let list = try run(["table", "list", "--format", "csv"], in: warehouse).standardOutput
        #expect(list == "name,version,files,rows,size_bytes,partition_columns\nevents,0,0,0,0,day\nnotes,0,0,0,0,\"\"\n")
        let boxed = try run(["table", "list"], in: warehouse).standardOutput
        #expect(boxed.contains("│ events │") && boxed.hasSuffix("2 rows\n"), "\(boxed)")

        let again = try run(["table", "create", "events", "--schema", "id INT64"], in: warehouse, expectStatus: 1)
        #expect(again.standardError == "sluice: error: table 'events' already exists in the warehouse \(warehouse.path)\n")
    }

    @Test(arguments: [
        (["bad/name", "--schema", "a INT64"], "'bad/name' is not a valid table name"),
        (["has space", "--schema", "a INT64"], "'has space' is not a valid table name"),
        (["größe", "--schema", "a INT64"], "'größe' is not a valid table name"),
        (["t", "--schema", "id INT64, name"], "schema field 'name' needs a name and a type"),
        (["t", "--schema", "id INT64, name TEXTISH"], "schema field 'name' has unknown type 'TEXTISH'"),
        (["t", "--schema", "id INT64, id STRING"], "schema names a column twice"),
        (["t", "--schema", "id INT64", "--partition-by", "day"], "column 'day' is not in the schema"),
        (["t", "--schema", "id INT64", "--partition-by", "id"], "every column is a partition column"),
        (["t", "--schema", "id INT64", "--property", "novalue"], "--property 'novalue' is not key=value"),
    ])
    func createRefusesBadInput(arguments: [String], message: String) throws {
        let warehouse = try Warehouse()
        let result = try run(["table", "create"] + arguments, in: warehouse, expectStatus: 1)
        #expect(result.standardError.hasPrefix("sluice: error: ") && result.standardError.contains(message), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: warehouse.path + "/t"))
        #expect(try run(["table", "list", "--format", "csv"], in: warehouse).standardOutput == "name,version,files,rows,size_bytes,partition_columns\n")
    }

    // MARK: - import

    @Test func importCreatesAPartitionedSortedTable() throws {
        let warehouse = try Warehouse()
        let imported = try importOrders(into: warehouse, extra: ["--sort-by", "order_id"])
        #expect(imported.standardError == "imported 2000 rows into new table 'orders' (7 columns, partitioned by country): 16 data file(s), version 1\n")
        let folders = try FileManager.default.contentsOfDirectory(atPath: warehouse.tablePath("orders")).sorted()
        #expect(folders.contains("country=US") && folders.contains("country=__HIVE_DEFAULT_PARTITION__") && folders.contains("_delta_log"),
                "\(folders)")

        let printed = try catCSV("orders", in: warehouse)
        let original = try CSVText.parse(String(contentsOfFile: TableCommandTests.ordersCSV, encoding: .utf8))
        #expect(printed.first == original.first)
        let rows = printed.dropFirst().sorted { Int($0[0])! < Int($1[0])! }
        #expect(rows.count == 2000)
        for (expected, actual) in zip(original.dropFirst(), rows) {
            #expect(Double(expected[4]) == Double(actual[4]), "amount of \(expected[0])")
            var expected = expected
            var actual = actual
            expected[4] = ""
            actual[4] = ""
            #expect(expected == actual)
        }
        // Files are sorted by the sort key: within each partition, order_id increases.
        var lastInCountry: [String: Int] = [:]
        for row in printed.dropFirst() {
            let id = Int(row[0])!
            #expect(id > lastInCountry[row[2], default: 0], "order \(id) out of order in \(row[2])")
            lastInCountry[row[2]] = id
        }
        let describe = try run(["table", "describe", "orders"], in: warehouse).standardOutput
        #expect(describe.contains("rows:           2000\n") && describe.contains("sort key:       order_id\n"), "\(describe)")
    }

    @Test func importAppendsAndOverwrites() throws {
        let warehouse = try Warehouse()
        try importOrders(into: warehouse)
        let appended = try importOrders(into: warehouse)
        #expect(appended.standardError == "imported 2000 rows into table 'orders' (append): 16 data file(s), version 2\n")
        #expect(try catCSV("orders", in: warehouse).count == 4001)
        let overwritten = try run(["import", TableCommandTests.ordersCSV, "--table", "orders", "--mode", "overwrite"], in: warehouse)
        #expect(overwritten.standardError == "imported 2000 rows into table 'orders' (overwrite, replacing 32 file(s)): 16 data file(s), version 3\n")
        #expect(try catCSV("orders", in: warehouse).count == 2001)
        #expect(try catCSV("orders", ["--version", "2"], in: warehouse).count == 4001)

        let list = try run(["table", "list", "--format", "csv"], in: warehouse).standardOutput
        let listed = try #require(CSVText.parse(list).last)
        #expect(Array(listed[0...3]) == ["orders", "3", "16", "2000"] && listed[5] == "country", "\(list)")
        // Partition options that contradict the existing table are refused, not ignored.
        let repartition = try run(["import", TableCommandTests.ordersCSV, "--table", "orders", "--partition-by", "status"],
                                  in: warehouse, expectStatus: 1)
        #expect(repartition.standardError.contains("table 'orders' exists and is partitioned by country, not status"),
                "\(repartition.standardError)")
        #expect(try listedVersion("orders", in: warehouse) == "3")
    }

    @Test func importsJSONLinesAndParquet() throws {
        let warehouse = try Warehouse()
        let clicks = try run(["import", TableCommandTests.clicksJSONL, "--table", "clicks", "--partition-by", "device"], in: warehouse)
        #expect(clicks.standardError == "imported 3000 rows into new table 'clicks' (7 columns, partitioned by device): 3 data file(s), version 1\n")
        let events = try run(["table", "cat", "clicks", "--format", "json", "--where", "event_time < 2024-03-01T08:00:00.300Z"],
                             in: warehouse).standardOutput
        #expect(events.split(separator: "\n").count == 2, "\(events)")
        #expect(events.contains(#""event_time":"2024-03-01T08:00:00.158Z""#), "\(events)")

        let parquet = warehouse.directory.url.appendingPathComponent("orders.parquet").path
        #expect(try cli.sluice(["import", TableCommandTests.ordersCSV, "--to", parquet]).status == 0)
        let fromParquet = try run(["import", parquet, "--table", "orders"], in: warehouse)
        #expect(fromParquet.standardError == "imported 2000 rows into new table 'orders' (7 columns): 1 data file(s), version 1\n")
        // Appending a Parquet file to a table created from the CSV: same columns and types.
        try run(["import", TableCommandTests.ordersCSV, "--table", "orders"], in: warehouse)
        #expect(try catCSV("orders", in: warehouse).count == 4001)
    }

    @Test func importThatDoesNotFitLeavesTheTableUnchanged() throws {
        let warehouse = try Warehouse()
        try importOrders(into: warehouse)
        let cities = try run(["import", TableCommandTests.citiesCSV, "--table", "orders"], in: warehouse, expectStatus: 1)
        #expect(cities.standardError == "sluice: error: \(TableCommandTests.citiesCSV), field 'name': the file has column 'name', which table 'orders' does not have (its columns: order_id, customer, country, order_date, amount, status, note)\n")

        // Known columns, but a value that is not of the table's type: refused mid-file, at its line.
        let bad = warehouse.directory.url.appendingPathComponent("bad.csv").path
        try "order_id,customer,amount\n1,Ann,2.5\n2,Bob,lots\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let badValue = try run(["import", bad, "--table", "orders"], in: warehouse, expectStatus: 1)
        #expect(badValue.standardError.hasPrefix("sluice: data error: \(bad), line 3"), "\(badValue.standardError)")
        #expect(badValue.standardError.contains("amount"), "\(badValue.standardError)")
        #expect(try listedVersion("orders", in: warehouse) == "1")
        #expect(try catCSV("orders", in: warehouse).count == 2001)
        let dataFiles = try FileManager.default.subpathsOfDirectory(atPath: warehouse.tablePath("orders")).filter { $0.hasSuffix(".parquet") }
        #expect(dataFiles.count == 16, "the failed imports left files behind: \(dataFiles)")

        // A text value that looks like a number stays text when the table says STRING.
        let strings = warehouse.directory.url.appendingPathComponent("strings.csv").path
        try "order_id,customer,note\n7,Cy,1.50\n".write(toFile: strings, atomically: true, encoding: .utf8)
        try run(["import", strings, "--table", "orders"], in: warehouse)
        #expect(try catCSV("orders", ["--where", "order_id = 7", "--columns", "note"], in: warehouse) == [["note"], ["1.50"]])
    }

    @Test func failedImportIntoANewTableLeavesNoTable() throws {
        let warehouse = try Warehouse()
        let ragged = warehouse.directory.url.appendingPathComponent("ragged.csv").path
        try "a,b\n1,2\n3\n".write(toFile: ragged, atomically: true, encoding: .utf8)
        let result = try run(["import", ragged, "--table", "ragged"], in: warehouse, expectStatus: 1)
        #expect(result.standardError.hasPrefix("sluice: data error: \(ragged), line 3"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: warehouse.tablePath("ragged")))

        // Types inferred from a sample; a later value does not fit, after the table was created.
        let late = warehouse.directory.url.appendingPathComponent("late.csv").path
        try "a,b\n1,x\n2,y\nthree,z\n".write(toFile: late, atomically: true, encoding: .utf8)
        let lateFailure = try run(["import", late, "--table", "late", "--infer-rows", "1"], in: warehouse, expectStatus: 1)
        #expect(lateFailure.standardError.hasPrefix("sluice: data error: \(late), line 4"), "\(lateFailure.standardError)")
        #expect(!FileManager.default.fileExists(atPath: warehouse.tablePath("late")))
        // A folder that was there before keeps its files; only the log the import made goes.
        let existing = warehouse.tablePath("kept")
        try FileManager.default.createDirectory(atPath: existing, withIntermediateDirectories: true)
        try "mine".write(toFile: existing + "/notes.txt", atomically: true, encoding: .utf8)
        try run(["import", late, "--table", "kept", "--infer-rows", "1"], in: warehouse, expectStatus: 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: existing) == ["notes.txt"])

        // A NOT NULL column in the table, missing from the file: refused before any commit.
        try run(["table", "create", "strict", "--schema", "a INT64, b INT64, c STRING NOT NULL"], in: warehouse)
        let missing = warehouse.directory.url.appendingPathComponent("missing.csv").path
        try "a,b\n1,2\n".write(toFile: missing, atomically: true, encoding: .utf8)
        let refused = try run(["import", missing, "--table", "strict"], in: warehouse, expectStatus: 1)
        #expect(refused.standardError.contains("column 'c' is NOT NULL but the data does not have it"), "\(refused.standardError)")
        #expect(try listedVersion("strict", in: warehouse) == "0")
    }

    @Test(arguments: [
        (["--partition-by", "country"], "--partition-by applies to --table imports"),
        (["--mode", "append"], "--mode applies to --table imports"),
        (["--table", "orders"], "give exactly one of --to OUT.parquet and --table NAME"),
    ])
    func importToAFileRefusesTableOptions(extra: [String], message: String) throws {
        let directory = try ScratchDirectory()
        let result = try cli.sluice(["import", TableCommandTests.ordersCSV, "--to", directory.path + "/o.parquet"] + extra)
        #expect(result.status == 1 && result.standardError.contains(message), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func importWithTableRefusesFileOptions() throws {
        let warehouse = try Warehouse()
        for (extra, message) in [(["--codec", "gzip"], "--codec applies to --to"), (["--overwrite"], "with --table use --mode overwrite"),
                                 (["--mode", "replace"], "The value 'replace' is invalid for '--mode <mode>'")] {
            let result = try run(["import", TableCommandTests.ordersCSV, "--table", "orders"] + extra, in: warehouse, expectStatus: 1)
            #expect(result.standardError.contains(message), "\(result.standardError)")
        }
        let badName = try run(["import", TableCommandTests.ordersCSV, "--table", "../escape"], in: warehouse, expectStatus: 1)
        #expect(badName.standardError.contains("'../escape' is not a valid table name"), "\(badName.standardError)")
        #expect(!FileManager.default.fileExists(atPath: warehouse.path))
    }

    // MARK: - history, delete, time travel

    @Test func deleteHistoryAndTimeTravel() throws {
        let warehouse = try Warehouse()
        try importOrders(into: warehouse)
        let original = try TableCommandTests.ordersRows()
        let doomed = original.filter { $0[5] == "cancelled" && $0[2] == "US" }.map { $0[0] }
        #expect(doomed.count == 33)

        let deleted = try run(["table", "delete", "orders", "--where", "status = 'cancelled'", "--where", "country = 'US'"], in: warehouse)
        #expect(deleted.standardError == "deleted 33 rows from table 'orders' (1 data file(s) removed, 1 written): version 2\n")
        let now = try catCSV("orders", ["--columns", "order_id"], in: warehouse).dropFirst().map { $0[0] }
        #expect(now.count == 1967 && Set(now).isDisjoint(with: doomed))
        let before = try catCSV("orders", ["--version", "1", "--columns", "order_id", "--where", "country = 'US'",
                                           "--where", "status = 'cancelled'"], in: warehouse)
        #expect(before.dropFirst().map { $0[0] }.sorted() == doomed.sorted())

        let nothing = try run(["table", "delete", "orders", "--where", "status = 'lost'"], in: warehouse)
        #expect(nothing.standardError == "no rows of table 'orders' match status = 'lost'; nothing deleted, the table stays at version 2\n")
        #expect(try listedVersion("orders", in: warehouse) == "2")

        let history = try run(["table", "history", "orders", "--format", "json"], in: warehouse).standardOutput
        let entries = try history.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(entries.map { $0["version"] as? Int } == [2, 1, 0])
        #expect(entries.map { $0["operation"] as? String } == ["DELETE", "WRITE", "CREATE TABLE"])
        #expect(entries[0]["parameters"] as? String == "predicate=status = 'cancelled' AND country = 'US'")
        let copied = original.filter { $0[2] == "US" }.count - doomed.count
        #expect(entries[0]["metrics"] as? String == "numAddedFiles=1, numCopiedRows=\(copied), numDeletedRows=33, numRemovedFiles=1",
                "\(entries[0])")
        #expect(entries[1]["parameters"] as? String == #"mode=Append, partitionBy=["country"]"#)
        let stamps = entries.compactMap { $0["timestamp"] as? String }
        #expect(stamps.count == 3 && stamps.allSatisfy { $0.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil }, "\(stamps)")

        let limited = try run(["table", "history", "orders", "--limit", "1"], in: warehouse).standardOutput
        #expect(limited.contains("│ DELETE ") && !limited.contains("WRITE") && limited.hasSuffix("1 row\n"), "\(limited)")

        // As of version 1's commit time: the rows before the delete.
        let asOfWrite = try catCSV("orders", ["--as-of", stamps[1], "--columns", "order_id"], in: warehouse)
        #expect(asOfWrite.count == 2001)
        #expect(try catCSV("orders", ["--as-of", "2999-12-31", "--columns", "order_id"], in: warehouse).count == 1968)
        let tooEarly = try run(["table", "cat", "orders", "--as-of", "2001-02-03T04:05:06Z"], in: warehouse, expectStatus: 1)
        #expect(tooEarly.standardError == "sluice: error: table 'orders' did not exist yet at 2001-02-03T04:05:06.000Z\n")
    }

    @Test func catOptions() throws {
        let warehouse = try Warehouse()
        try importOrders(into: warehouse)
        let json = try run(["table", "cat", "orders", "--format", "json", "--columns", "order_id,amount", "--where", "country = 'PL'",
                            "--where", "amount > 100", "--limit", "2"], in: warehouse).standardOutput
        let expected = try TableCommandTests.ordersRows().filter { $0[2] == "PL" && (Double($0[4]) ?? 0) > 100 }.prefix(2)
        #expect(json == expected.map { #"{"order_id":\#($0[0]),"amount":\#(Double($0[4])!)}"# + "\n" }.joined(), "\(json)")
        let table = try run(["table", "cat", "orders", "--limit", "3"], in: warehouse).standardOutput
        #expect(table.contains("│ order_id │") && table.hasSuffix("3 rows\n"), "\(table)")
        let none = try run(["table", "cat", "orders", "--format", "csv", "--limit", "0"], in: warehouse).standardOutput
        #expect(none == "order_id,customer,country,order_date,amount,status,note\n")
    }

    // MARK: - Bad input

    @Test(arguments: [["table", "describe", "ghost"], ["table", "history", "ghost"], ["table", "cat", "ghost"],
                      ["table", "delete", "ghost", "--where", "a = 1"]])
    func unknownTableExitsOneNamingIt(arguments: [String]) throws {
        let warehouse = try Warehouse()
        let result = try run(arguments, in: warehouse, expectStatus: 1)
        #expect(result.standardError == "sluice: error: no table 'ghost' in the warehouse \(warehouse.path)\n")
        #expect(result.standardOutput.isEmpty)
    }

    @Test func badPredicatesVersionsAndTimes() throws {
        let warehouse = try Warehouse()
        try importOrders(into: warehouse)
        let cases: [([String], String)] = [
            (["table", "cat", "orders", "--where", "amount"], "sluice: error: predicate 'amount' has no comparison"),
            (["table", "delete", "orders", "--where", "amount >"], "sluice: error: predicate 'amount >' needs a column on the left and a value on the right"),
            (["table", "cat", "orders", "--where", "colour = 'red'"], "sluice: error: no column 'colour' in table 'orders' (columns: order_id, customer, country, order_date, amount, status, note)"),
            (["table", "delete", "orders", "--where", "status = 'x'", "--where", "colour = 'red'"], "sluice: error: no column 'colour' in table 'orders'"),
            (["table", "delete", "orders", "--where", "order_date < 'soon'"], "sluice: error: value soon cannot be compared with column 'order_date' of type DATE"),
            (["table", "cat", "orders", "--version", "2"], "sluice: error: table 'orders' has no version 2; its newest version is 1"),
            (["table", "cat", "orders", "--version=-1"], "sluice: error: versions start at 0, not -1"),
            (["table", "cat", "orders", "--as-of", "last tuesday"], "sluice: error: --as-of 'last tuesday' is not a time"),
            (["table", "cat", "orders", "--columns", "order_id,colour"], "sluice: error: no column named 'colour'"),
            (["table", "cat", "orders", "--version", "1", "--as-of", "2024-01-01"], "Error: give --version or --as-of, not both"),
            (["table", "delete", "orders"], "Error: give at least one --where predicate"),
            (["table", "history", "orders", "--limit", "0"], "Error: --limit must be at least 1"),
        ]
        for (arguments, message) in cases {
            let result = try run(arguments, in: warehouse, expectStatus: 1)
            #expect(result.standardError.hasPrefix(message), "\(arguments): \(result.standardError)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
        }
        #expect(try listedVersion("orders", in: warehouse) == "1")
    }

    // MARK: - Where the warehouse is

    @Test func defaultWarehouseIsInTheWorkingDirectory() throws {
        let directory = try ScratchDirectory()
        let environment = ProcessInfo.processInfo.environment
        try #require(environment[WarehouseLocation.environmentVariable] == nil, "the test environment sets SLUICE_WAREHOUSE")
        let created = try cli.sluice(["table", "create", "t", "--schema", "a INT64"], in: directory)
        #expect(created.status == 0, "\(created.standardError)")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/warehouse/t/_delta_log"))
        let list = try cli.sluice(["table", "list", "--format", "csv"], in: directory)
        #expect(list.standardOutput.hasSuffix("\nt,0,0,0,0,\"\"\n"), "\(list.standardOutput)")
    }

    @Test func warehouseOptionBeatsEnvironmentBeatsDefault() throws {
        let fromOption = try WarehouseLocation(option: "/data/a", environment: ["SLUICE_WAREHOUSE": "/data/b"])
        #expect(fromOption.path == "/data/a")
        let fromEnvironment = try WarehouseLocation(option: nil, environment: ["SLUICE_WAREHOUSE": "file:///data/b"])
        #expect(fromEnvironment.path == "/data/b" && fromEnvironment.text == "file:///data/b")
        let byDefault = try WarehouseLocation(option: nil, environment: [:])
        #expect(byDefault.path == FileSystemRegistry.currentDirectory() + "/warehouse")
        #expect(try byDefault.tablePath("orders_2024-v1") == byDefault.path + "/orders_2024-v1")
        for bad in ["", "..", "a/b", "-x", "a.b", "naïve", String(repeating: "x", count: 256)] {
            #expect(throws: SluiceError.self, "\(bad)") { try byDefault.tablePath(bad) }
        }
        #expect(throws: SluiceError.self) { try WarehouseLocation(option: "", environment: [:]) }
        #expect(throws: SluiceError.self) { try WarehouseLocation(option: nil, environment: ["SLUICE_WAREHOUSE": "s3://bucket"]) }
    }

    // MARK: - Commit conflicts

    @Test func commitConflictsAreExplained() {
        let conflict = SluiceError(.userInput, "concurrent commit conflict in DELETE: version 4 removed a.parquet, which this DELETE read; retry the operation",
                                   condition: .commitConflict)
        let explained = conflict.explainingCommitConflict(table: "orders")
        #expect(explained.condition == .commitConflict && explained.fault == .userInput)
        #expect(explained.description == "error: another writer changed table 'orders' while this command ran, and nothing was committed; run the command again to apply it to the new version (concurrent commit conflict in DELETE: version 4 removed a.parquet, which this DELETE read; retry the operation)")
        let other = SluiceError.data("bad file")
        #expect(other.explainingCommitConflict(table: "orders") == other)
    }

    // MARK: - Help

    @Test(arguments: [["table"], ["table", "create"], ["table", "list"], ["table", "describe"], ["table", "history"],
                      ["table", "cat"], ["table", "delete"]])
    func helpExitsZero(command: [String]) throws {
        let result = try cli.sluice(command + ["--help"])
        #expect(result.status == 0, "\(command): \(result.standardError)")
        #expect(result.standardOutput.contains("USAGE: sluice " + command.joined(separator: " ")), "\(result.standardOutput)")
    }
}
