import Foundation
import SluiceCore
import Testing

/// Every example job of `Jobs/`, submitted through the built `sluice` binary on the sample data in
/// both execution modes: the saved lines must be the same in both modes and match what a plain
/// Swift computation over the same input gives.
@Suite struct ExampleJobTests {
    let cli = CLIEndToEndTests()

    static func sample(_ name: String) -> String {
        CLIEndToEndTests.packageRoot.appendingPathComponent("datasets/\(name)").path
    }

    // MARK: - Running a job

    /// Submits `job` with `arguments` plus `--output` once per mode and returns the saved lines
    /// (sorted), after checking that both runs succeed and save the same lines.
    func savedLinesInBothModes(_ job: String, _ arguments: [String], in directory: ScratchDirectory,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String] {
        var linesByMode: [String: [String]] = [:]
        for mode in ["dataflow", "mapreduce"] {
            let output = directory.url.appendingPathComponent("\(job)-\(mode)").path
            let run = try cli.sluice(["submit", job] + arguments + ["--output", output, "--master", "local[2]", "--mode", mode],
                                     environment: ["SLUICE_HOME": directory.url.appendingPathComponent("home").path])
            #expect(run.status == 0, "\(job) in \(mode) mode: \(run.standardError)", sourceLocation: sourceLocation)
            #expect(run.standardOutput.contains("\(job) succeeded"), "\(run.standardOutput)", sourceLocation: sourceLocation)
            linesByMode[mode] = try Self.partFileLines(in: output).sorted()
        }
        #expect(linesByMode["dataflow"] == linesByMode["mapreduce"], "\(job): the modes disagree", sourceLocation: sourceLocation)
        #expect(linesByMode["dataflow"]?.isEmpty == false, "\(job) saved nothing", sourceLocation: sourceLocation)
        return linesByMode["dataflow"] ?? []
    }

    /// Every line of every `part-*` file in `folder`.
    static func partFileLines(in folder: String) throws -> [String] {
        let parts = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("part-") }
        return try parts.flatMap { part in
            try String(contentsOfFile: folder + "/" + part, encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }

    /// The lines of a text file, as a line reader sees them (no line terminators).
    static func lines(of path: String) throws -> [Substring] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    }

    // MARK: - wordcount

    @Test func wordCountCountsEverySpaceSeparatedWord() throws {
        let directory = try ScratchDirectory()
        let input = Self.sample("words.txt")
        var counts: [String: Int] = [:]
        for line in try Self.lines(of: input) {
            for word in line.split(separator: " ") { counts[String(word), default: 0] += 1 }
        }
        let saved = try savedLinesInBothModes("wordcount", ["--input", input, "--partitions", "3"], in: directory)
        #expect(saved == counts.map { word, count in "\(word)\t\(count)" }.sorted())
    }

    // MARK: - inverted-index

    @Test func invertedIndexListsTheSortedDocumentsOfEveryWord() throws {
        let directory = try ScratchDirectory()
        let folder = Self.sample("docs")
        var documentsByWord: [String: [String]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            // The job's tokenization: maximal runs of letters, lower-cased, each word once per document.
            for word in Set(text.split { !$0.isLetter }.map { $0.lowercased() }) {
                documentsByWord[word, default: []].append(name)
            }
        }
        let saved = try savedLinesInBothModes("inverted-index", ["--input", folder], in: directory)
        #expect(saved == documentsByWord.map { word, documents in "\(word)\t\(documents.sorted().joined(separator: ","))" }.sorted())
    }

    // MARK: - top-n

    /// `12.34` as 1234; nil for an empty field.
    static func cents(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return Int(parts[0])! * 100 + Int((fraction + "00").prefix(2))!
    }

    @Test func topNAddsUpEachCustomersAmounts() throws {
        let directory = try ScratchDirectory()
        let input = Self.sample("orders.csv")
        let records = CSVText.parse(try String(contentsOfFile: input, encoding: .utf8))
        let customerIndex = try #require(records[0].firstIndex(of: "customer"))
        let amountIndex = try #require(records[0].firstIndex(of: "amount"))
        var expected: [String: (cents: Int, rowCount: Int)] = [:]
        for record in records.dropFirst() {
            let total = expected[record[customerIndex], default: (0, 0)]
            expected[record[customerIndex]] = (total.cents + (Self.cents(record[amountIndex]) ?? 0), total.rowCount + 1)
        }
        #expect(expected.values.reduce(0) { $0 + $1.rowCount } == 2000)

        let saved = try savedLinesInBothModes("top-n", ["--input", input, "--n", "3"], in: directory)
        var found: [String: (cents: Int, rowCount: Int)] = [:]
        for line in saved {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let sum = Double(fields[1]), let rowCount = Int(fields[2]) else {
                Issue.record("bad line '\(line)'")
                continue
            }
            // The job adds doubles, so its sum is the exact cents up to rounding.
            found[String(fields[0])] = (Int((sum * 100).rounded()), rowCount)
        }
        #expect(found.count == expected.count)
        for (customer, total) in expected {
            #expect(found[customer]?.cents == total.cents && found[customer]?.rowCount == total.rowCount,
                    "\(customer): \(String(describing: found[customer])) instead of \(total)")
        }
    }

    // MARK: - pagerank

    @Test func pageRankMatchesAPlainIteration() throws {
        let directory = try ScratchDirectory()
        let input = Self.sample("links.txt")
        let iterations = 10
        let damping = 0.85
        var targetsBySource: [String: [String]] = [:]
        for line in try Self.lines(of: input) where !line.isEmpty {
            let fields = line.split(separator: " ")
            try #require(fields.count == 2)
            targetsBySource[String(fields[0]), default: []].append(String(fields[1]))
        }
        // The job's formula: every page with links starts at 1; each iteration a page's rank is
        // split evenly over its links, and a page reached by some link gets (1 - d) + d × its share.
        var ranks = targetsBySource.mapValues { _ in 1.0 }
        for _ in 0..<iterations {
            var contributions: [String: Double] = [:]
            for (source, targets) in targetsBySource {
                guard let rank = ranks[source] else { continue }
                for target in targets { contributions[target, default: 0] += rank / Double(targets.count) }
            }
            ranks = contributions.mapValues { (1 - damping) + damping * $0 }
        }

        let saved = try savedLinesInBothModes("pagerank", ["--input", input, "--iterations", "\(iterations)"], in: directory)
        var found: [String: Double] = [:]
        for line in saved {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let rank = Double(fields[1]) else {
                Issue.record("bad line '\(line)'")
                continue
            }
            found[String(fields[0])] = rank
        }
        #expect(Set(found.keys) == Set(ranks.keys))
        for (page, rank) in ranks {
            #expect(abs((found[page] ?? .infinity) - rank) <= 1e-9, "\(page): \(String(describing: found[page])) instead of \(rank)")
        }
    }

    // MARK: - sessionize

    /// `2024-03-01T08:00:00.158Z` in microseconds since 1970 (UTC, milliseconds).
    static func micros(isoMillis text: String) throws -> Int64 {
        let digits = text.unicodeScalars.split { !("0"..."9").contains($0) }.map { Int(String($0))! }
        try #require(digits.count == 7, "\(text)")
        let days = Int64(try #require(CivilTime.days(year: digits[0], month: digits[1], day: digits[2])))
        let seconds = days * 86_400 + Int64(digits[3] * 3600 + digits[4] * 60 + digits[5])
        return seconds * 1_000_000 + Int64(digits[6]) * 1000
    }

    @Test func sessionizeCutsEachUsersClicksAtThirtyMinuteGaps() throws {
        let directory = try ScratchDirectory()
        let input = Self.sample("clicks.jsonl")
        var clicksByUser: [Int: [(micros: Int64, page: String)]] = [:]
        for line in try Self.lines(of: input) where !line.isEmpty {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let user = try #require(object["user_id"] as? Int)
            let micros = try Self.micros(isoMillis: try #require(object["event_time"] as? String))
            clicksByUser[user, default: []].append((micros, object["page"] as? String ?? ""))
        }
        let gapMicros: Int64 = 30 * 60 * 1_000_000
        var expected: [String] = []
        for (user, clicks) in clicksByUser {
            // A click no more than the gap after the previous one continues its session.
            var sessions: [[(micros: Int64, page: String)]] = []
            for click in clicks.sorted(by: { $0.micros < $1.micros }) {
                if let last = sessions.last?.last, click.micros - last.micros <= gapMicros {
                    sessions[sessions.count - 1].append(click)
                } else {
                    sessions.append([click])
                }
            }
            for session in sessions {
                expected.append("\(user)\t\(CivilTime.formatTimestamp(micros: session.first!.micros))"
                                + "\t\(CivilTime.formatTimestamp(micros: session.last!.micros))\t\(session.count)\t\(Set(session.map(\.page)).count)")
            }
        }
        let saved = try savedLinesInBothModes("sessionize", ["--input", input], in: directory)
        #expect(saved == expected.sorted())
    }

    // MARK: - tpch-q1

    /// A small lineitem (seeded) as CSV with Q1's columns, ship dates on both sides of the cutoff.
    static func lineitemCSV(rowCount: Int, seed: UInt64) -> (text: String, rows: [[String]]) {
        var generator = SeededRandomGenerator(seed: seed)
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
        func decimal(_ hundredths: Int) -> String { "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)" }
        let firstShipDay = Int(CivilTime.days(year: 1998, month: 6, day: 1)!)
        var rows: [[String]] = []
        for orderKey in 1...rowCount {
            let flags = [("A", "F"), ("N", "F"), ("N", "O"), ("R", "F")][pick(0...3)]
            let quantity = pick(1...50)
            rows.append(["\(orderKey)", decimal(quantity * 100), decimal(quantity * pick(900...10_499) + pick(0...99)),
                         decimal(pick(0...10)), decimal(pick(0...8)), flags.0, flags.1,
                         CivilTime.formatDate(days: Int32(firstShipDay + pick(0...180)))])
        }
        let header = "l_orderkey,l_quantity,l_extendedprice,l_discount,l_tax,l_returnflag,l_linestatus,l_shipdate"
        let text = ([header] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n"
        return (text, rows)
    }

    /// The columns of `lineitemCSV`, with TPC-H's decimal types.
    static let lineitemSchema = "l_orderkey INT64, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), "
        + "l_tax DECIMAL(15,2), l_returnflag STRING, l_linestatus STRING, l_shipdate DATE"

    /// `value` units of 10^-scale as decimal text (`value` ≥ 0).
    static func decimalText(_ value: Int, scale: Int) -> String {
        var unit = 1
        for _ in 0..<scale { unit *= 10 }
        let fraction = String(value % unit)
        return "\(value / unit)." + String(repeating: "0", count: scale - fraction.count) + fraction
    }

    @Test func tpchQuery1SumsDecimalsExactly() throws {
        let directory = try ScratchDirectory()
        let (csv, rows) = Self.lineitemCSV(rowCount: 600, seed: 1998)
        let csvPath = directory.url.appendingPathComponent("lineitem.csv").path
        let parquetPath = directory.url.appendingPathComponent("lineitem.parquet").path
        try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
        let imported = try cli.sluice(["import", csvPath, "--to", parquetPath, "--schema", Self.lineitemSchema])
        try #require(imported.status == 0, "\(imported.standardError)")

        // Q1 by hand: ship date at most 90 days before 1998-12-01, sums per (flag, status) in exact integers.
        let cutoff = CivilTime.formatDate(days: CivilTime.days(year: 1998, month: 12, day: 1)! - 90)
        var groups: [String: [Int]] = [:]  // quantity, price, discounted price, charge, discount, rows
        for row in rows where row[7] <= cutoff {
            let (quantity, price, discount, tax) = (Self.cents(row[1])!, Self.cents(row[2])!, Self.cents(row[3])!, Self.cents(row[4])!)
            let discounted = price * (100 - discount)
            let sums = [quantity, price, discounted, discounted * (100 + tax), discount, 1]
            groups[row[5] + "\t" + row[6]] = zip(groups[row[5] + "\t" + row[6]] ?? [0, 0, 0, 0, 0, 0], sums).map(+)
        }
        #expect(groups.count == 4 && rows.contains { $0[7] > cutoff }, "the sample covers every group and the filter")
        let expected = groups.map { key, sums in
            let count = Double(sums[5])
            return [key, Self.decimalText(sums[0], scale: 2), Self.decimalText(sums[1], scale: 2), Self.decimalText(sums[2], scale: 4),
                    Self.decimalText(sums[3], scale: 6), String(Double(sums[0]) / 100 / count), String(Double(sums[1]) / 100 / count),
                    String(Double(sums[4]) / 100 / count), String(sums[5])].joined(separator: "\t")
        }.sorted()
        let saved = try savedLinesInBothModes("tpch-q1", ["--input", parquetPath], in: directory)
        #expect(saved == expected)
    }

    // MARK: - On a cluster

    /// Each job on a coordinator with two workers saves what it saves locally: the workers
    /// rebuild the job's datasets, and every action's result (the summaries' top lists too)
    /// crosses processes.
    @Test func everyJobRunsOnACluster() throws {
        let directory = try ScratchDirectory()
        let cluster = try LoopbackCluster(root: directory, workerCount: 2)
        let (csv, _) = Self.lineitemCSV(rowCount: 200, seed: 7)
        let csvPath = directory.url.appendingPathComponent("lineitem.csv").path
        let parquetPath = directory.url.appendingPathComponent("lineitem.parquet").path
        try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
        let imported = try cli.sluice(["import", csvPath, "--to", parquetPath, "--schema", Self.lineitemSchema])
        try #require(imported.status == 0, "\(imported.standardError)")
        let jobs: [(String, [String])] = [
            ("wordcount", ["--input", Self.sample("words.txt")]), ("inverted-index", ["--input", Self.sample("docs")]),
            ("top-n", ["--input", Self.sample("orders.csv")]), ("pagerank", ["--input", Self.sample("links.txt")]),
            ("sessionize", ["--input", Self.sample("clicks.jsonl")]), ("tpch-q1", ["--input", parquetPath]),
        ]
        let home = directory.url.appendingPathComponent("home").path
        for (job, arguments) in jobs {
            var linesByMaster: [String: [String]] = [:]
            for master in ["local[2]", "sluice://\(cluster.address)"] {
                let output = directory.url.appendingPathComponent("\(job)-\(master.hasPrefix("local") ? "local" : "cluster")").path
                let run = try cli.sluice(["submit", job] + arguments + ["--output", output, "--master", master],
                                         environment: ["SLUICE_HOME": home])
                #expect(run.status == 0, "\(job) on \(master): \(run.standardError)")
                linesByMaster[master] = try Self.partFileLines(in: output).sorted()
            }
            #expect(linesByMaster["local[2]"] == linesByMaster["sluice://\(cluster.address)"], "\(job): the cluster's output differs")
        }
        // saveAsTable: the tasks' data files come back from the workers and go into one commit.
        let warehouse = directory.url.appendingPathComponent("warehouse").path
        var rowsByMaster: [String: [String]] = [:]
        for (master, table) in [("local[2]", "local"), ("sluice://\(cluster.address)", "cluster")] {
            let run = try cli.sluice(["submit", "top-n", "--input", Self.sample("orders.csv"), "--table", warehouse + "/" + table,
                                      "--master", master], environment: ["SLUICE_HOME": home])
            #expect(run.status == 0, "top-n --table on \(master): \(run.standardError)")
            let cat = try cli.sluice(["table", "cat", table, "--warehouse", warehouse, "--format", "csv"])
            #expect(cat.status == 0, "\(cat.standardError)")
            rowsByMaster[table] = cat.standardOutput.split(separator: "\n").map(String.init).sorted()
        }
        #expect((rowsByMaster["local"]?.count ?? 0) > 100)
        #expect(rowsByMaster["local"] == rowsByMaster["cluster"], "the table saved on the cluster differs")
    }
}

// MARK: - On a cluster

/// A `sluice coordinator` and workers on loopback, stopped (SIGKILL) when the value goes away.
final class LoopbackCluster {
    let address: String
    private let processes: [Process]

    init(root: ScratchDirectory, workerCount: Int) throws {
        var started: [Process] = []
        do {
            address = try Self.launch("coordinator", ["coordinator", "--port", "0", "--heartbeat-ms", "200"], root: root, into: &started)
            for index in 0..<workerCount {
                _ = try Self.launch("worker\(index)", ["worker", "--coordinator", address, "--slots", "2", "--heartbeat-ms", "200"],
                                    root: root, into: &started)
            }
        } catch {
            Self.stop(started)
            throw error
        }
        processes = started
    }

    deinit {
        Self.stop(processes)
    }

    /// Starts `sluice ARGUMENTS` and waits for the address it writes once listening (a worker:
    /// once registered).
    private static func launch(_ name: String, _ arguments: [String], root: ScratchDirectory, into started: inout [Process]) throws -> String {
        guard let binary = CLIEndToEndTests.binary else {
            throw CLITestSetupError("the sluice binary is not beside the test bundle; build it with `swift build --build-tests`")
        }
        let addressFile = root.url.appendingPathComponent("\(name).address").path
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + ["--dir", root.url.appendingPathComponent(name).path, "--address-file", addressFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        started.append(process)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && process.isRunning {
            if let text = try? String(contentsOfFile: addressFile, encoding: .utf8), text.hasSuffix("\n") {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            usleep(20_000)
        }
        throw CLITestSetupError("\(name) did not start")
    }

    private static func stop(_ processes: [Process]) {
        for process in processes where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
