import Foundation
import SluiceCore

/// W1, word count over a Zipf corpus: Sluice's `submit wordcount` in its dataflow and MapReduce
/// modes against a one-thread C program (the practical floor), Polars, DuckDB and Spark, all in
/// the same run. Every tool is a child process timed by wall clock from spawn to exit (best of
/// the runs) with its peak resident memory from `wait4`; every tool's counts are checked against
/// the C program's, and a mismatch fails the whole benchmark after the table is printed.
///
/// Usage: `sluice-bench words [--size-mib 256] [--runs N] [--skip-spark] [--spark-rdd] [--data DIR]`.
/// The corpus is generated once (seed 42) as `DIR/words-<MiB>.txt`, DIR defaulting to
/// `.build/bench-data`; outputs go to `DIR/words-out` and are removed after.
struct WordCountBenchmark {
    static let threadCount = 2
    static let master = "local[\(threadCount)]"
    /// The shape of the W1 corpus the generator must reproduce, by size in MiB.
    static let knownCorpusShapes: [Int: (wordCount: Int, distinctCount: Int)] = [
        16: (3_687_842, 116_788),
        256: (59_007_150, 199_826),
    ]
    /// Sluice's bars: dataflow and MapReduce against the C floor, both against Spark's DataFrame job.
    static let dataflowVersusCMax = 1.5
    static let mapReduceVersusCMax = 3.0
    static let versusSparkDataFrameMax = 0.2
    static let toolColumnWidth = 52

    var sizeMiB = 256
    var runCount = 1
    var skipSpark = false
    /// Spark's RDD flavour with Python closures too (slow: about 2.5 times its DataFrame job).
    var includeSparkRDD = false
    var dataDirectory = FileManager.default.currentDirectoryPath + "/.build/bench-data"

    init(arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            guard index + 1 < arguments.count else { throw SluiceError.userInput("\(arguments[index]) needs a value") }
            index += 1
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--size-mib":
                let text = try value()
                guard let size = Int(text), size > 0 else { throw SluiceError.userInput("bad --size-mib \(text)") }
                sizeMiB = size
            case "--runs":
                let text = try value()
                guard let runs = Int(text), runs > 0 else { throw SluiceError.userInput("bad --runs \(text)") }
                runCount = runs
            case "--data":
                dataDirectory = try value()
            case "--skip-spark":
                skipSpark = true
            case "--spark-rdd":
                includeSparkRDD = true
            default:
                throw SluiceError.userInput("unknown option \(arguments[index]); known: --size-mib N, --runs N, --skip-spark, --spark-rdd, --data DIR")
            }
            index += 1
        }
    }

    /// One tool's line in the table.
    struct Outcome {
        var tool: String
        /// Best run's wall-clock seconds, the start-up the tool reported taken off.
        var seconds = Double.infinity
        var startupSeconds: Double?
        /// A row for Spark's start-up alone: no memory, no counts, no ratio.
        var isStartupOnly = false
        var peakResidentMiB = 0.0
        /// Set when the tool failed or its counts are wrong; the row shows it instead of a ratio.
        var failure: String?
        var countsAreWrong = false
    }

    func run() throws {
        let environment = try PythonEnvironment.standard()
        try environment.ensureModule("numpy", package: "numpy")
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let corpus = try generateCorpus(environment: environment)
        let outputFolder = dataDirectory + "/words-out"
        try? FileManager.default.removeItem(atPath: outputFolder)
        try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outputFolder) }
        try Self.readThrough(corpus)  // every tool then starts from the page cache
        report("workload: W1 word count, \(corpus) (\(sizeMiB) MiB), \(Self.threadCount) threads where the tool takes a count, best of \(runCount) run(s)")

        let program = dataDirectory + "/wordcount"
        try Shell.run("cc", ["-O2", "-o", program, AnchorScript.path(of: "wordcount.c")])
        let (reference, expected) = measure("C reference, 1 thread", output: outputFolder + "/c.txt", expected: nil, program, [corpus])
        guard let expected else {
            throw SluiceError.io("the C reference failed, so nothing can be checked: \(reference.failure ?? "")")
        }
        if let shape = Self.knownCorpusShapes[sizeMiB], shape != (expected.totalCount, expected.distinctCount) {
            report("WARNING: the corpus has \(expected.totalCount) words, \(expected.distinctCount) distinct; the W1 corpus of \(sizeMiB) MiB has \(shape.wordCount), \(shape.distinctCount)")
        }
        var outcomes = [reference]
        outcomes += try anchorOutcomes(corpus: corpus, outputFolder: outputFolder, expected: expected, environment: environment)
        // The job as users write it (map to (word, 1), reduceByKey), in both modes, and with the
        // built-in valueCounts that counts the words' bytes.
        for (mode, counting) in [("dataflow", "closures"), ("dataflow", "builtin"), ("mapreduce", "closures"), ("mapreduce", "builtin")] {
            outcomes.append(sluiceOutcome(mode: mode, counting: counting, corpus: corpus, outputFolder: outputFolder, expected: expected))
        }
        printTable(outcomes, wordCount: expected.totalCount, distinctCount: expected.distinctCount)
        if outcomes.contains(where: \.countsAreWrong) {
            throw SluiceError.data("some tool's word counts differ from the C reference's (see the table)")
        }
    }

    /// Polars, DuckDB and (unless skipped) Spark.
    private func anchorOutcomes(corpus: String, outputFolder: String, expected: WordCounts, environment: PythonEnvironment) throws -> [Outcome] {
        try environment.ensureModule("polars", package: "polars")
        let threads = String(Self.threadCount)
        var outcomes = [
            measure("Polars lazy, \(threads) threads", output: outputFolder + "/polars.tsv", expected: expected,
                    environment.python, ["-c", AnchorScript.load("words_polars"), corpus],
                    environment: ["POLARS_MAX_THREADS": threads]).outcome,
            measure("DuckDB SQL, \(threads) threads", output: outputFolder + "/duckdb.tsv", expected: expected,
                    environment.python, ["-c", AnchorScript.load("words_duckdb"), corpus], trailingArguments: [threads]).outcome,
        ]
        guard !skipSpark else { return outcomes }
        try environment.ensureModule("pyspark", package: "pyspark")
        let sparkEnvironment = ["PYSPARK_PYTHON": environment.python, "PYSPARK_DRIVER_PYTHON": environment.python]
        let flavours = includeSparkRDD ? [("dataframe", "DataFrame"), ("rdd", "RDD + Python lambdas")] : [("dataframe", "DataFrame")]
        for (flavour, label) in flavours {
            var outcome = measure("Spark \(Self.master) \(label), after start-up", output: outputFolder + "/spark-" + flavour, expected: expected,
                                  environment.python, ["-c", AnchorScript.load("words_spark"), corpus],
                                  trailingArguments: [threads, flavour], environment: sparkEnvironment).outcome
            if flavour == "dataframe", let startup = outcome.startupSeconds {
                outcomes.append(Outcome(tool: "Spark \(Self.master) start-up (a trivial query)", seconds: startup, isStartupOnly: true))
                outcome.startupSeconds = nil
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    private func sluiceOutcome(mode: String, counting: String, corpus: String, outputFolder: String, expected: WordCounts) -> Outcome {
        let tool = "Sluice \(mode) \(Self.master), \(counting == "builtin" ? "valueCounts" : "reduceByKey closures")"
        let sluice: String
        do {
            sluice = try BenchmarkCluster.sluiceExecutable()
        } catch {
            return Outcome(tool: tool, failure: "failed: " + Self.summary(of: error))
        }
        let output = outputFolder + "/sluice-" + mode + "-" + counting
        let arguments = ["submit", "wordcount", "--input", corpus, "--output", output, "--master", Self.master, "--mode", mode,
                         "--counting", counting]
        return measure(tool, output: output, expected: expected, sluice, arguments, outputIsAnArgument: false).outcome
    }

    /// Runs a tool `runCount` times and checks its output.
    ///
    /// The command is `executable arguments OUTPUT trailingArguments` (OUTPUT left out when the
    /// arguments name it already). A tool that prints a line `startup_seconds S` has S taken off
    /// its time and reported apart.
    /// - Parameters:
    ///   - expected: the counts to check against; nil for the reference itself.
    /// - Returns: the row, and the counts read back (only when the tool succeeded).
    private func measure(_ tool: String, output: String, expected: WordCounts?, _ executable: String, _ arguments: [String],
                         trailingArguments: [String] = [], outputIsAnArgument: Bool = true,
                         environment: [String: String] = [:]) -> (outcome: Outcome, counts: WordCounts?) {
        var outcome = Outcome(tool: tool)
        let command = arguments + (outputIsAnArgument ? [output] : []) + trailingArguments
        for _ in 0..<runCount {
            try? FileManager.default.removeItem(atPath: output)
            let child: ChildProcessMeasurement
            do {
                child = try ChildProcessMeasurement.run(executable, command, environment: environment)
            } catch {
                outcome.failure = "failed: " + Self.summary(of: error)
                break
            }
            guard child.succeeded else {
                outcome.failure = "failed: " + child.failureSummary
                break
            }
            let startup = child.standardOutput.split(separator: "\n")
                .first { $0.hasPrefix("startup_seconds ") }
                .flatMap { Double($0.dropFirst("startup_seconds ".count)) }
            if child.seconds - (startup ?? 0) < outcome.seconds {
                outcome.seconds = child.seconds - (startup ?? 0)
                outcome.startupSeconds = startup
            }
            outcome.peakResidentMiB = max(outcome.peakResidentMiB, child.peakResidentMiB)
        }
        var counts: WordCounts?
        if outcome.failure == nil {
            do {
                counts = try WordCounts.read(output)
                if let expected, let difference = counts!.difference(from: expected) {
                    outcome.failure = "WRONG COUNTS: " + difference
                    outcome.countsAreWrong = true
                }
            } catch {
                outcome.failure = "WRONG OUTPUT: \(error)"
                outcome.countsAreWrong = true
            }
        }
        let timeText = outcome.failure == nil ? String(format: "%.2f s, %.0f MiB", outcome.seconds, outcome.peakResidentMiB) : outcome.failure!
        report("  \(tool): \(timeText)")
        return (outcome, counts)
    }

    private func printTable(_ outcomes: [Outcome], wordCount: Int, distinctCount: Int) {
        let reference = outcomes[0].seconds
        let sparkDataFrame = outcomes.first { $0.tool.hasPrefix("Spark") && $0.tool.contains("DataFrame") && $0.failure == nil }?.seconds
        report("")
        report("tool".padding(toLength: Self.toolColumnWidth, withPad: " ", startingAt: 0) + "  seconds  peak MiB   vs C")
        for outcome in outcomes {
            let label = outcome.tool.padding(toLength: Self.toolColumnWidth, withPad: " ", startingAt: 0)
            if let failure = outcome.failure {
                report(label + "  " + failure)
            } else if outcome.isStartupOnly {
                report(label + String(format: "  %7.2f", outcome.seconds))
            } else {
                report(label + String(format: "  %7.2f  %8.0f  %5.2fx", outcome.seconds, outcome.peakResidentMiB, outcome.seconds / reference))
            }
        }
        report("counts: every row without a failure matched the C reference exactly (\(wordCount) words, \(distinctCount) distinct)")
        report("peak MiB: the largest process the tool ran (ru_maxrss); the C reference's includes its mapped input")
        report("")
        for outcome in outcomes where outcome.tool.hasPrefix("Sluice") {
            let cMax = outcome.tool.contains("dataflow") ? Self.dataflowVersusCMax : Self.mapReduceVersusCMax
            guard outcome.failure == nil else {
                report("bar \(outcome.tool): not measured (\(outcome.failure!.prefix(60)))")
                continue
            }
            var line = "bar \(outcome.tool): " + Self.bar(outcome.seconds / reference, max: cMax, against: "C")
            if let sparkDataFrame {
                line += "; " + Self.bar(outcome.seconds / sparkDataFrame, max: Self.versusSparkDataFrameMax, against: "Spark DataFrame (after start-up)")
            }
            report(line)
        }
    }

    private static func bar(_ ratio: Double, max: Double, against anchor: String) -> String {
        String(format: "%.2fx ", ratio) + anchor + String(format: " (bar <= %.1fx) ", max) + (ratio <= max ? "met" : "MISSED")
    }

    /// The corpus at `DIR/words-<MiB>.txt`, generated when missing (into a scratch name first,
    /// so an interrupted generation is never taken for the corpus).
    private func generateCorpus(environment: PythonEnvironment) throws -> String {
        let path = dataDirectory + "/words-\(sizeMiB).txt"
        if FileManager.default.fileExists(atPath: path) { return path }
        report("generating the W1 corpus (\(sizeMiB) MiB, seed 42) into \(path) ...")
        let scratch = path + ".partial"
        _ = try environment.run(script: AnchorScript.load("gen_words"), arguments: [scratch, String(sizeMiB)])
        try FileManager.default.moveItem(atPath: scratch, toPath: path)
        return path
    }

    /// Reads the file once so that no tool pays for the disk.
    private static func readThrough(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw SluiceError.io("cannot open \(path)") }
        defer { close(descriptor) }
        var chunk = [UInt8](repeating: 0, count: 4 << 20)
        while chunk.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    private static func summary(of error: Error) -> String {
        let text = (error as? Shell.Failure)?.standardError ?? String(describing: error)
        return String(text.split(separator: "\n").first ?? "").prefix(160).description
    }
}
