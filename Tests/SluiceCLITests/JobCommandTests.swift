import Foundation
import SluiceCore
import Testing
@testable import SluiceCommandLine

/// `sluice submit`, `sluice jobs` and `sluice job status|history` run as a user runs them.
@Suite struct JobCommandTests {
    let cli = CLIEndToEndTests()

    /// A few hundred lines over a small vocabulary (seeded), and the counts a plain loop gives.
    static func wordFile(in directory: ScratchDirectory) throws -> (path: String, counts: [String: Int]) {
        var generator = SeededRandomGenerator(seed: 11)
        let vocabulary = ["river", "the", "grey", "bridge", "town", "quiet", "Elinor", "slowly.", "a", "and"]
        var lines: [String] = []
        var counts: [String: Int] = [:]
        for _ in 0..<300 {
            let words = (0..<(1 + generator.next() % 8)).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }
            for word in words { counts[word, default: 0] += 1 }
            lines.append(words.joined(separator: " "))
        }
        let path = directory.url.appendingPathComponent("words.txt").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (path, counts)
    }

    /// The `word<TAB>count` lines of every part file in `folder`.
    static func savedCounts(in folder: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let parts = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("part-") }
        #expect(!parts.isEmpty)
        for part in parts {
            addCounts(in: try String(contentsOfFile: folder + "/" + part, encoding: .utf8), part: part, to: &counts)
        }
        return counts
    }

    /// Adds the `word<TAB>count` lines of one part file's text to `counts`; a word seen twice or
    /// a malformed line is a test failure.
    static func addCounts(in text: String, part: String, to counts: inout [String: Int]) {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, let count = Int(fields[1]) else {
                Issue.record("bad line '\(line)' in \(part)")
                continue
            }
            #expect(counts[String(fields[0])] == nil, "\(fields[0]) twice")
            counts[String(fields[0])] = count
        }
    }

    @Test(arguments: ["dataflow", "mapreduce"])
    func submitWordCountMatchesAPlainCount(mode: String) throws {
        let directory = try ScratchDirectory()
        let (input, expected) = try JobCommandTests.wordFile(in: directory)
        let output = directory.url.appendingPathComponent("counts").path
        let run = try cli.sluice(["submit", "wordcount", "--input", input, "--output", output, "--master", "local[2]", "--mode", mode,
                                  "--partitions", "3"],
                                 environment: ["SLUICE_HOME": directory.url.appendingPathComponent("home").path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try JobCommandTests.savedCounts(in: output) == expected)
        let top = expected.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first!
        #expect(run.standardOutput.contains("wordcount succeeded"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("top 10 words:\n  \(top.key)\t\(top.value)\n"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("reduceByKey"), "the stage table: \(run.standardOutput)")
        #expect(run.standardOutput.contains("(local[2], \(mode))"), "\(run.standardOutput)")
    }

    @Test func submitTakesItsOwnOptionsBeforeTheJobToo() throws {
        let directory = try ScratchDirectory()
        let (input, expected) = try JobCommandTests.wordFile(in: directory)
        let output = directory.url.appendingPathComponent("counts").path
        let home = directory.url.appendingPathComponent("home").path
        let run = try cli.sluice(["submit", "--master", "local[1]", "wordcount", "--input=\(input)", "--output", output],
                                 environment: ["SLUICE_HOME": home])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try JobCommandTests.savedCounts(in: output) == expected)
        // A second run into the same folder needs --overwrite true.
        let again = try cli.sluice(["submit", "wordcount", "--input", input, "--output", output], environment: ["SLUICE_HOME": home])
        #expect(again.status == 1 && again.standardError.contains("already exists"), "\(again.standardError)")
        let replaced = try cli.sluice(["submit", "wordcount", "--input", input, "--output", output, "--overwrite", "true",
                                       "--parallelism", "2"], environment: ["SLUICE_HOME": home])
        #expect(replaced.status == 0, "\(replaced.standardError)")
    }

    @Test func unknownJobListsTheJobs() throws {
        let directory = try ScratchDirectory()
        let run = try cli.sluice(["submit", "no-such-job"], environment: ["SLUICE_HOME": directory.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("unknown job 'no-such-job'") && run.standardError.contains("wordcount"), "\(run.standardError)")
    }

    @Test func unknownOptionListsTheOptions() throws {
        let directory = try ScratchDirectory()
        let run = try cli.sluice(["submit", "wordcount", "--input", "x", "--output", "y", "--colour", "red"],
                                 environment: ["SLUICE_HOME": directory.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("--colour") && run.standardError.contains("--input")
                && run.standardError.contains("--partitions (default auto)"), "\(run.standardError)")
        let missing = try cli.sluice(["submit", "wordcount", "--input", "x"], environment: ["SLUICE_HOME": directory.path])
        #expect(missing.status == 1 && missing.standardError.contains("needs --output"), "\(missing.standardError)")
    }

    @Test func badSubmitOptionsAreUserErrors() throws {
        let directory = try ScratchDirectory()
        for (arguments, message) in [(["--mode", "batch"], "--mode 'batch'"), (["--master", "yarn"], "unknown master 'yarn'"),
                                     (["--master", "sluice://127.0.0.1:1"], "cannot submit to the coordinator at 127.0.0.1:1"),
                                     (["--bad-records", "ignore"], "--bad-records 'ignore'")] {
            let run = try cli.sluice(["submit", "wordcount", "--input", "x", "--output", "y"] + arguments,
                                     environment: ["SLUICE_HOME": directory.path])
            #expect(run.status == 1 && run.standardError.contains(message), "\(arguments): \(run.standardError)")
        }
    }

    @Test func missingInputFailsWithExitOne() throws {
        let directory = try ScratchDirectory()
        let home = directory.url.appendingPathComponent("home").path
        let run = try cli.sluice(["submit", "wordcount", "--input", directory.url.appendingPathComponent("absent.txt").path,
                                  "--output", directory.url.appendingPathComponent("out").path], environment: ["SLUICE_HOME": home])
        #expect(run.status == 1, "\(run.standardError)")
        let status = try cli.sluice(["job", "status"], environment: ["SLUICE_HOME": home])
        #expect(status.status == 0 && status.standardOutput.contains("wordcount failed"), "\(status.standardOutput)")
    }

    @Test func jobsListsWordCountWithItsOptions() throws {
        let run = try cli.sluice(["jobs"])
        #expect(run.status == 0, "\(run.standardError)")
        for job in ["wordcount", "inverted-index", "top-n", "pagerank", "sessionize", "tpch-q1"] {
            #expect(run.standardOutput.contains("\(job)  "), "\(job): \(run.standardOutput)")
        }
        #expect(run.standardOutput.contains("--input") && run.standardOutput.contains("required")
                && run.standardOutput.contains("default false"), "\(run.standardOutput)")
    }

    @Test func historyRecordsEachRun() throws {
        let directory = try ScratchDirectory()
        let home = directory.url.appendingPathComponent("home").path
        let empty = try cli.sluice(["job", "history"], environment: ["SLUICE_HOME": home])
        #expect(empty.status == 0 && empty.standardOutput.contains("no jobs submitted yet"), "\(empty.standardOutput)")
        let (input, _) = try JobCommandTests.wordFile(in: directory)
        for index in 0..<2 {
            let run = try cli.sluice(["submit", "wordcount", "--input", input, "--output", directory.url.appendingPathComponent("out\(index)").path,
                                      "--master", "local[2]"], environment: ["SLUICE_HOME": home])
            #expect(run.status == 0, "\(run.standardError)")
        }
        let history = try cli.sluice(["job", "history", "--format", "csv"], environment: ["SLUICE_HOME": home])
        #expect(history.status == 0, "\(history.standardError)")
        let rows = CSVText.parse(history.standardOutput)
        #expect(rows.count == 3 && rows[0].prefix(3) == ["id", "job", "status"], "\(history.standardOutput)")
        #expect(rows.dropFirst().allSatisfy { $0[1] == "wordcount" && $0[2] == "succeeded" && $0[5] == "local[2]" })
        #expect(rows[1][7].contains("--output") && rows[1][7].contains("out1"), "newest first: \(rows[1])")
        let limited = try cli.sluice(["job", "history", "--limit", "1", "--format", "csv"], environment: ["SLUICE_HOME": home])
        #expect(CSVText.parse(limited.standardOutput).count == 2)

        let status = try cli.sluice(["job", "status", rows[2][0]], environment: ["SLUICE_HOME": home])
        #expect(status.status == 0, "\(status.standardError)")
        #expect(status.standardOutput.hasPrefix("run \(rows[2][0]): wordcount succeeded"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("out0") && status.standardOutput.contains("shuffle written"), "\(status.standardOutput)")
        let latest = try cli.sluice(["job", "status"], environment: ["SLUICE_HOME": home])
        #expect(latest.standardOutput.hasPrefix("run \(rows[1][0]):"), "\(latest.standardOutput)")
        let unknown = try cli.sluice(["job", "status", "nope"], environment: ["SLUICE_HOME": home])
        #expect(unknown.status == 1 && unknown.standardError.contains("no job run 'nope'"), "\(unknown.standardError)")

        let lines = try String(contentsOfFile: home + "/history.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let record = try JSONDecoder().decode(JobRunRecord.self, from: Data(lines[0].utf8))
        #expect(record.job == "wordcount" && record.status == .succeeded && record.mode == "dataflow" && record.stages.count >= 2)
        #expect(record.stages.contains { $0.shuffleBytesWritten > 0 } && record.summary.contains { $0.hasPrefix("top 10 words") })
    }
}
