import Foundation
import Testing

/// The built `sluice` binary run as a user runs it: exit codes, output and error messages, and
/// no stray files after a failure.
@Suite struct CLIEndToEndTests {
    // MARK: - Running the binary

    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The `sluice` executable, built beside the test bundle by `swift build --build-tests`
    /// and `swift test`.
    static let binary: URL? = {
        var directories = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        return directories.map { $0.appendingPathComponent("sluice") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// The package folder, where the sample datasets live.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var ordersCSV: String { packageRoot.appendingPathComponent("datasets/orders.csv").path }

    /// Runs `sluice` with `arguments`, killing it if it runs for more than a minute.
    func sluice(_ arguments: [String], in directory: ScratchDirectory? = nil, environment: [String: String] = [:]) throws -> Run {
        guard let binary = CLIEndToEndTests.binary else {
            throw CLITestSetupError("the sluice binary is not beside the test bundle; build it with `swift build --build-tests`")
        }
        let outputDirectory = try ScratchDirectory()
        let outputURL = outputDirectory.url.appendingPathComponent("stdout")
        let errorURL = outputDirectory.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = (directory ?? outputDirectory).url
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        try outputHandle.close()
        try errorHandle.close()
        return Run(status: process.terminationStatus,
                   standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
                   standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    /// Imports the orders sample into `directory` and returns the Parquet file's path.
    func importOrders(into directory: ScratchDirectory, codec: String? = nil) throws -> String {
        let output = directory.url.appendingPathComponent("orders.parquet").path
        let run = try sluice(["import", CLIEndToEndTests.ordersCSV, "--to", output] + (codec.map { ["--codec", $0] } ?? []))
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("imported 2000 rows, 7 columns"), "\(run.standardError)")
        return output
    }

    // MARK: - Help

    static let commands: [[String]] = [[], ["import"], ["parquet"], ["parquet", "inspect"], ["parquet", "cat"], ["quickstart"],
                                       ["submit"], ["jobs"], ["job", "status"], ["job", "history"]]

    @Test(arguments: commands)
    func helpExitsZero(command: [String]) throws {
        let run = try sluice(command + ["--help"])
        #expect(run.status == 0, "\(command): \(run.standardError)")
        #expect(run.standardOutput.contains("USAGE: sluice" + command.map { " " + $0 }.joined()), "\(run.standardOutput)")
        let help = try sluice(["help"] + command)
        #expect(help.status == 0 && help.standardOutput == run.standardOutput, "help \(command)")
    }

    @Test func versionExitsZero() throws {
        let run = try sluice(["--version"])
        #expect(run.status == 0 && run.standardOutput == "0.1.0\n")
    }

    // MARK: - Import and print

    @Test(arguments: ["snappy", "gzip", "none"])
    func importThenCatReproducesTheCSV(codec: String) throws {
        let directory = try ScratchDirectory()
        let parquet = try importOrders(into: directory, codec: codec)
        let run = try sluice(["parquet", "cat", parquet, "--format", "csv"])
        #expect(run.status == 0, "\(run.standardError)")
        let original = try CSVText.parse(String(contentsOfFile: CLIEndToEndTests.ordersCSV, encoding: .utf8))
        let printed = CSVText.parse(run.standardOutput)
        #expect(printed.first == original.first)
        #expect(printed.count == original.count && original.count == 2001)
        let amount = original[0].firstIndex(of: "amount")!
        for (row, (expected, actual)) in zip(original, printed).enumerated().dropFirst() {
            var expected = expected
            var actual = actual
            // Amounts are FLOAT64: 29.80 prints as 29.8. Compare them as numbers.
            #expect(Double(expected[amount]) == Double(actual[amount]), "row \(row): \(expected[amount]) vs \(actual[amount])")
            expected[amount] = ""
            actual[amount] = ""
            #expect(expected == actual, "row \(row)")
        }
        let inspect = try sluice(["parquet", "inspect", parquet])
        let codecName = ["snappy": "SNAPPY", "gzip": "GZIP", "none": "UNCOMPRESSED"][codec]!
        #expect(inspect.standardOutput.components(separatedBy: "  \(codecName) ").count == 8, "\(inspect.standardOutput)")
    }

    @Test func catJSONWithALimit() throws {
        let directory = try ScratchDirectory()
        let parquet = try importOrders(into: directory)
        let run = try sluice(["parquet", "cat", parquet, "--format", "json", "--limit", "3"])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty, "\(run.standardOutput)")
        #expect(lines.first == #"{"order_id":100001,"customer":"Uma Rossi","country":"US","order_date":"2023-01-02","amount":43.43,"status":"delivered","note":"Call before delivery\nGate code 4411"}"#)
        let original = try CSVText.parse(String(contentsOfFile: CLIEndToEndTests.ordersCSV, encoding: .utf8))
        for (index, line) in lines.prefix(3).enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let row = original[index + 1]
            #expect((object["order_id"] as? NSNumber)?.int64Value == Int64(row[0]))
            #expect(object["customer"] as? String == row[1])
            #expect(object["order_date"] as? String == row[3])
            #expect((object["amount"] as? NSNumber)?.doubleValue == Double(row[4]))
            #expect(row[6].isEmpty ? object["note"] is NSNull : object["note"] as? String == row[6])
        }
        let none = try sluice(["parquet", "cat", parquet, "--format", "json", "--limit", "0"])
        #expect(none.status == 0 && none.standardOutput.isEmpty)
    }

    @Test func whereFiltersRows() throws {
        let directory = try ScratchDirectory()
        let parquet = try importOrders(into: directory)
        let original = try CSVText.parse(String(contentsOfFile: CLIEndToEndTests.ordersCSV, encoding: .utf8)).dropFirst()
        let cases: [(String, ([String]) -> Bool)] = [
            ("country = 'PL'", { $0[2] == "PL" }),
            ("amount > 500", { Double($0[4]).map { $0 > 500 } ?? false }),
            ("order_date >= 2024-12-01", { $0[3] >= "2024-12-01" }),
            ("order_id < 100011", { Int($0[0])! < 100011 }),
            ("status != 'delivered'", { $0[5] != "delivered" }),
        ]
        for (predicate, matches) in cases {
            let run = try sluice(["parquet", "cat", parquet, "--format", "csv", "--where", predicate])
            #expect(run.status == 0, "\(predicate): \(run.standardError)")
            let printed = CSVText.parse(run.standardOutput).dropFirst()
            let expected = original.filter(matches).map { $0[0] }
            #expect(printed.map { $0[0] } == expected, "\(predicate)")
            #expect(!expected.isEmpty, "\(predicate) selects nothing; the case proves little")
        }
        // Filtering on a column that is not printed.
        let run = try sluice(["parquet", "cat", parquet, "--format", "csv", "--columns", "customer,order_id", "--where", "country = 'PL'"])
        let printed = CSVText.parse(run.standardOutput)
        #expect(printed.first == ["customer", "order_id"])
        #expect(printed.dropFirst().map { $0[1] } == original.filter { $0[2] == "PL" }.map { $0[0] })
        let unknown = try sluice(["parquet", "cat", parquet, "--where", "nope = 1"])
        #expect(unknown.status == 1 && unknown.standardError.contains("no column 'nope'"), "\(unknown.standardError)")
    }

    @Test func inspectShowsCodecsAndStatistics() throws {
        let directory = try ScratchDirectory()
        let parquet = try importOrders(into: directory)
        let run = try sluice(["parquet", "inspect", parquet])
        #expect(run.status == 0, "\(run.standardError)")
        let text = run.standardOutput
        for expected in ["rows:        2000", "row groups:  1", "sluice.source = orders.csv", "order_id    INT64",
                         "order_date  DATE", "min=100001  max=102000", "min=2023-01-02  max=2024-12-30", "SNAPPY"] {
            #expect(text.contains(expected), "missing '\(expected)' in\n\(text)")
        }
        let amountLine = text.split(separator: "\n").first { $0.hasPrefix("  amount ") && $0.contains("nulls=") }
        #expect(amountLine?.contains("nulls=26") == true, "\(String(describing: amountLine))")
        let summary = try sluice(["parquet", "inspect", parquet, "--summary"])
        #expect(summary.status == 0 && !summary.standardOutput.contains("row group 0"))
    }

    // MARK: - Bad input

    @Test func raggedCSVRowFailsWithoutLeavingFiles() throws {
        let directory = try ScratchDirectory()
        let input = directory.url.appendingPathComponent("ragged.csv").path
        try "a,b,c\n1,2,3\n4,5\n6,7,8\n".write(toFile: input, atomically: true, encoding: .utf8)
        let outputFolder = directory.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        let run = try sluice(["import", input, "--to", outputFolder.appendingPathComponent("ragged.parquet").path])
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("sluice: data error: \(input), line 3"), "\(run.standardError)")
        #expect(run.standardError.contains("row has 2 fields, the header has 3"), "\(run.standardError)")
        #expect(run.standardError.contains("line 3, column 3"), "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputFolder.path).isEmpty)
    }

    @Test func malformedJSONLineFailsWithoutLeavingFiles() throws {
        let directory = try ScratchDirectory()
        let input = directory.url.appendingPathComponent("events.jsonl").path
        try "{\"a\": 1}\n{\"a\": }\n".write(toFile: input, atomically: true, encoding: .utf8)
        let outputFolder = directory.url.appendingPathComponent("out")
        let run = try sluice(["import", input, "--to", outputFolder.appendingPathComponent("events.parquet").path])
        #expect(run.status == 1)
        #expect(run.standardError == "sluice: data error: \(input), line 2, column 7: unexpected character '}'\n")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: outputFolder.path)) ?? []
        #expect(left.isEmpty, "\(left)")
    }

    /// The CLI has no schema option, so no value can fail to fit: a key with numbers and text
    /// becomes a string column that keeps every value's text.
    @Test func mixedJSONKindsWidenToText() throws {
        let directory = try ScratchDirectory()
        let input = directory.url.appendingPathComponent("mixed.jsonl").path
        try "{\"a\": 1, \"b\": 2}\n{\"a\": \"x\", \"b\": 2.5}\n".write(toFile: input, atomically: true, encoding: .utf8)
        let output = directory.url.appendingPathComponent("mixed.parquet").path
        #expect(try sluice(["import", input, "--to", output]).status == 0)
        let run = try sluice(["parquet", "cat", output, "--format", "json"])
        #expect(run.standardOutput == "{\"a\":\"1\",\"b\":2.0}\n{\"a\":\"x\",\"b\":2.5}\n")
    }

    @Test func truncatedParquetFileFailsWithItsOffset() throws {
        let directory = try ScratchDirectory()
        let parquet = try importOrders(into: directory)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: parquet))
        let truncated = directory.url.appendingPathComponent("truncated.parquet").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        for command in [["cat"], ["inspect"]] {
            let run = try sluice(["parquet"] + command + [truncated])
            #expect(run.status == 1)
            #expect(run.standardError == "sluice: data error: \(truncated), byte offset \(bytes.count / 2 - 4): not a complete Parquet file: it does not end with PAR1 (truncated?)\n",
                    "\(run.standardError)")
            #expect(run.standardOutput.isEmpty)
        }
        // Damage inside a page is found by cat, which decodes pages, with the page's offset.
        var damaged = bytes
        damaged.replaceSubrange(4..<8, with: [0x1F, 0xFF, 0xFF, 0xFF])
        let damagedPath = directory.url.appendingPathComponent("damaged.parquet").path
        try damaged.write(to: URL(fileURLWithPath: damagedPath))
        let run = try sluice(["parquet", "cat", damagedPath])
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("sluice: data error: \(damagedPath), byte offset 4, field 'order_id': "), "\(run.standardError)")
        #expect(try sluice(["parquet", "inspect", damagedPath]).status == 0)
    }

    @Test func notAParquetFile() throws {
        let run = try sluice(["parquet", "cat", CLIEndToEndTests.ordersCSV])
        #expect(run.status == 1)
        #expect(run.standardError == "sluice: data error: \(CLIEndToEndTests.ordersCSV), byte offset 0: not a Parquet file: it does not start with PAR1\n")
    }

    @Test(arguments: [["parquet", "cat", "x.parquet", "--bogus"], ["import", "a.csv", "--to", "b.parquet", "--bogus"],
                      ["bogus"], ["parquet", "cat"], ["import", "a.csv"], ["import", "a.csv", "--to", "b.parquet", "--codec", "lz4"],
                      ["parquet", "cat", "x.parquet", "--format", "xml"]])
    func badArgumentsExitOne(arguments: [String]) throws {
        let run = try sluice(arguments)
        #expect(run.status == 1, "\(arguments): \(run.standardError)")
        #expect(run.standardError.contains("Usage: sluice"), "\(arguments): \(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test func missingInputFilesExitOne() throws {
        let directory = try ScratchDirectory()
        let missing = directory.url.appendingPathComponent("missing.csv").path
        let output = directory.url.appendingPathComponent("out.parquet").path
        let importRun = try sluice(["import", missing, "--to", output])
        #expect(importRun.status == 1)
        #expect(importRun.standardError == "sluice: error: cannot open '\(missing)': No such file or directory\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        let missingParquet = directory.url.appendingPathComponent("missing.parquet").path
        for command in ["cat", "inspect"] {
            let run = try sluice(["parquet", command, missingParquet])
            #expect(run.status == 1)
            #expect(run.standardError == "sluice: error: cannot open '\(missingParquet)': No such file or directory\n")
        }
    }

    @Test func existingOutputNeedsOverwrite() throws {
        let directory = try ScratchDirectory()
        let parquet = try importOrders(into: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: parquet))
        let again = try sluice(["import", CLIEndToEndTests.ordersCSV, "--to", parquet, "--codec", "gzip"])
        #expect(again.status == 1 && again.standardError == "sluice: error: '\(parquet)' already exists\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: parquet)) == before)
        let overwrite = try sluice(["import", CLIEndToEndTests.ordersCSV, "--to", parquet, "--codec", "gzip", "--overwrite"])
        #expect(overwrite.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["orders.parquet"])
        #expect(try sluice(["parquet", "inspect", parquet]).standardOutput.contains("GZIP"))
    }
}

struct CLITestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh directory under the system's temporary folder, deleted with its contents when the
/// value is no longer used.
final class ScratchDirectory {
    let url: URL

    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// RFC 4180 CSV, parsed independently of Sluice's reader so the tests check it.
enum CSVText {
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var fieldStarted = false
        var characters = text.unicodeScalars.makeIterator()
        var pending = characters.next()
        while let scalar = pending {
            pending = characters.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = characters.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                inQuotes = true
                fieldStarted = true
            case ",":
                record.append(field)
                field = ""
                fieldStarted = false
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                fieldStarted = false
            case "\r":
                continue
            default:
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        if fieldStarted || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
