import Foundation
import SluiceCore
import Streaming
import Warehouse

/// S1, a windowed count of click events from the log into a table: Sluice's stream engine on
/// the embedded topic store against Spark Structured Streaming (local[2], CSV source,
/// availableNow, Parquet sink with checkpoints), in the same run.
///
/// Three Sluice figures: (a) producing the events into a topic of 2 partitions (keyed by user,
/// timestamped by the event time, fsync per produce call); (b) the query `parse CSV → event
/// time → watermark 10 s → keyBy page → tumbling 1-minute windows → count → table` run until
/// caught up on 2 task threads; (c) end-to-end latency at 50,000 events/s with a 100 ms
/// trigger, from each produce acknowledgement to the first table commit whose batch covers it.
/// The windows Spark finalized are checked against Sluice's table; a mismatch fails the run
/// after the table is printed.
///
/// Usage: `sluice-bench stream [--events-dir DIR] [--skip-spark] [--latency-seconds 20] [--runs N]`.
/// The events are generated once (seed 3) into DIR, which defaults to `.build/bench-data/events`.
struct StreamBenchmark {
    static let threadCount = 2
    static let master = "local[\(threadCount)]"
    static let partitionCount = 2
    static let fileCount = 4
    static let eventsPerFile = 500_000
    static let eventCount = fileCount * eventsPerFile
    static let watermarkDelay = Duration.seconds(10)
    static let windowSize = Duration.seconds(60)
    /// Records per produce call while loading the log (each call is one fsync per partition).
    static let produceChunkRecords = 10_000
    static let latencyEventsPerSecond = 50_000
    static let latencyProduceIntervalMillis = 10
    static let latencyTriggerMillis: Int64 = 100
    /// The bars the issue sets.
    static let eventsPerSecondMin = 1_000_000.0
    static let latencyP99SecondsMax = 1.0
    static let toolColumnWidth = 66

    var eventsDirectory = FileManager.default.currentDirectoryPath + "/.build/bench-data/events"
    var skipSpark = false
    var latencySeconds = 20.0
    var runCount = 1

    init(arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            guard index + 1 < arguments.count else { throw SluiceError.userInput("\(arguments[index]) needs a value") }
            index += 1
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--events-dir":
                eventsDirectory = try value()
            case "--skip-spark":
                skipSpark = true
            case "--latency-seconds":
                let text = try value()
                guard let seconds = Double(text), seconds >= 0 else { throw SluiceError.userInput("bad --latency-seconds \(text)") }
                latencySeconds = seconds
            case "--runs":
                let text = try value()
                guard let runs = Int(text), runs > 0 else { throw SluiceError.userInput("bad --runs \(text)") }
                runCount = runs
            default:
                throw SluiceError.userInput("unknown option \(arguments[index]); known: --events-dir DIR, --skip-spark, --latency-seconds S, --runs N")
            }
            index += 1
        }
    }

    /// One figure of the table.
    struct Row {
        var label: String
        var seconds: Double?
        var eventsPerSecond: Double?
        var note = ""
    }

    func run() throws {
        let environment = try PythonEnvironment.standard()
        let files = try eventFiles(environment: environment)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bench-stream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        report("workload: S1 windowed count, \(Self.eventCount) events in \(files.count) CSV files, \(Self.threadCount) threads, best of \(runCount) run(s)")

        var rows: [Row] = []
        var failures: [String] = []
        let store = try TopicStore(directory: scratch + "/topics")
        let produceSeconds = try produceEvents(files: files, into: store, topic: "clicks")
        rows.append(Row(label: "Sluice produce into TopicStore (2 partitions, fsync per \(Self.produceChunkRecords))",
                        seconds: produceSeconds, eventsPerSecond: Double(Self.eventCount) / produceSeconds))
        report("  produced in \(String(format: "%.2f", produceSeconds)) s")

        var querySeconds = Double.infinity
        var sluiceWindows: [String: Int64] = [:]
        for run in 0..<runCount {
            let (seconds, windows) = try runQuery(store: store, topic: "clicks", folder: scratch + "/query-\(run)")
            querySeconds = min(querySeconds, seconds)
            sluiceWindows = windows
        }
        let sluiceTotal = sluiceWindows.values.reduce(0, +)
        if sluiceTotal != Int64(Self.eventCount) { failures.append("Sluice's table counts \(sluiceTotal) events, not \(Self.eventCount)") }
        rows.append(Row(label: "Sluice windowed count, log -> table, \(Self.threadCount) task threads",
                        seconds: querySeconds, eventsPerSecond: Double(Self.eventCount) / querySeconds))

        var sparkSeconds: Double?
        if !skipSpark {
            switch runSpark(environment: environment, eventsDirectory: eventsDirectory, folder: scratch + "/spark") {
            case .success(let spark):
                sparkSeconds = spark.seconds
                rows.append(Row(label: "Spark \(Self.master) start-up (a trivial query)", seconds: spark.startupSeconds))
                rows.append(Row(label: "Spark \(Self.master) Structured Streaming, after start-up", seconds: spark.seconds,
                                eventsPerSecond: Double(Self.eventCount) / spark.seconds))
                let withStartup = spark.seconds + spark.startupSeconds
                rows.append(Row(label: "Spark \(Self.master) Structured Streaming, with start-up", seconds: withStartup,
                                eventsPerSecond: Double(Self.eventCount) / withStartup))
                let comparison = Self.compare(spark: spark.windows, sluice: sluiceWindows)
                if let mismatch = comparison.mismatch { failures.append(mismatch) }
                report("  windows: Spark wrote \(spark.windows.count) finalized windows (\(spark.windows.values.reduce(0, +)) events); "
                       + (comparison.mismatch == nil ? "Sluice's table has the same count for every one of them" : "MISMATCH"))
            case .failure(let error):
                failures.append("Spark failed: \(error)")
                rows.append(Row(label: "Spark \(Self.master) Structured Streaming", note: "failed: \(String(describing: error).prefix(100))"))
            }
        }

        var latency: LatencySummary?
        if latencySeconds > 0 {
            latency = try measureLatency(store: store, folder: scratch + "/latency")
        }

        printTable(rows, sparkSeconds: sparkSeconds, querySeconds: querySeconds, latency: latency)
        if !failures.isEmpty {
            for failure in failures { report("FAILED: " + failure) }
            throw SluiceError.data("the S1 results are wrong or missing (see above)")
        }
    }

    // MARK: (a) producing

    /// Produces every line of `files` into a new topic, keyed by user, timestamped by the event
    /// time, the line as the value.
    /// - Returns: seconds spent building records and producing them (the files are read before).
    private func produceEvents(files: [String], into store: TopicStore, topic: String) throws -> Double {
        try store.createTopic(topic, configuration: TopicConfiguration(partitionCount: Self.partitionCount))
        let contents = try files.map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: $0))) }
        let start = DispatchTime.now().uptimeNanoseconds
        var produced = 0
        var records: [LogRecord] = []
        records.reserveCapacity(Self.produceChunkRecords)
        for bytes in contents {
            var lineStart = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
                let line = bytes[lineStart..<index]
                lineStart = index + 1
                guard let event = Self.splitEvent(line) else { throw SluiceError.data("not an S1 event: \(String(decoding: line, as: UTF8.self))") }
                records.append(LogRecord(timestampMillis: event.timestampMillis, key: Array(line[line.startIndex..<event.userEnd]), value: Array(line)))
                if records.count == Self.produceChunkRecords {
                    _ = try store.produce(topic: topic, records: records)
                    produced += records.count
                    records.removeAll(keepingCapacity: true)
                }
            }
        }
        if !records.isEmpty {
            _ = try store.produce(topic: topic, records: records)
            produced += records.count
        }
        guard produced == Self.eventCount else { throw SluiceError.data("the event files hold \(produced) events, not \(Self.eventCount)") }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Where the user ends (the first comma) and the timestamp after the last comma.
    static func splitEvent(_ line: ArraySlice<UInt8>) -> (userEnd: Int, timestampMillis: Int64)? {
        guard let userEnd = line.firstIndex(of: UInt8(ascii: ",")), let lastComma = line.lastIndex(of: UInt8(ascii: ",")),
              lastComma > userEnd, let millis = parseMillis(line[(lastComma + 1)...]) else { return nil }
        return (userEnd, millis)
    }

    static func parseMillis<Bytes: Collection<UInt8>>(_ digits: Bytes) -> Int64? {
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            let digit = Int64(byte) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value &* 10 &+ digit
        }
        return value
    }

    // MARK: (b) the query

    /// A click as the query sees it after parsing.
    struct PageView: Sendable {
        var page: String
        var timestampMillis: Int64
    }

    /// Parses `user,page,ts_ms` without a String per field: only the page becomes one.
    @inline(__always)
    static func parsePageView(_ message: TopicMessage) throws -> PageView {
        let parsed = message.valueBytes.withUnsafeBufferPointer { bytes -> PageView? in
            guard let firstComma = bytes.firstIndex(of: UInt8(ascii: ",")) else { return nil }
            guard let secondComma = bytes[(firstComma + 1)...].firstIndex(of: UInt8(ascii: ",")) else { return nil }
            guard let millis = parseMillis(bytes[(secondComma + 1)...]) else { return nil }
            let page = String(decoding: UnsafeBufferPointer(rebasing: bytes[(firstComma + 1)..<secondComma]), as: UTF8.self)
            return PageView(page: page, timestampMillis: millis)
        }
        guard let parsed else { throw SluiceError.data("not an S1 event: \(message.valueText)") }
        return parsed
    }

    /// The S1 pipeline over `topic` into a table of `folder`, with `configuration`'s trigger.
    static func makeQuery(store: TopicStore, topic: String, folder: String, triggerMillis: Int64 = 200) throws -> (StreamQuery, table: String) {
        let configuration = StreamingConfiguration(pipelineName: "s1", checkpointLocation: folder + "/checkpoint",
                                                   triggerIntervalMillis: triggerMillis, taskThreadCount: threadCount)
        let context = StreamingContext(log: store, configuration: configuration)
        let table = folder + "/views"
        let query = try context.stream(topic: topic)
            .map { try parsePageView($0) }
            .withEventTime { $0.timestampMillis }
            .withWatermark(maxOutOfOrderness: watermarkDelay)
            .keyBy { $0.page }
            .window(.tumbling(windowSize))
            .count()
            .toTable(table, keyColumn: "page", valueColumn: "views")
        return (query, table)
    }

    /// Runs the query until caught up.
    /// - Returns: its seconds and the table's windows (`"<start ms> <page>"` → views).
    private func runQuery(store: TopicStore, topic: String, folder: String) throws -> (Double, [String: Int64]) {
        let cpuStart = Self.processCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        let (query, table) = try Self.makeQuery(store: store, topic: topic, folder: folder)
        let batches = try query.run(until: .caughtUp)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        report(String(format: "  Sluice query: %.2f s, %.2f CPU s, %d batch(es)", seconds, Self.processCPUSeconds() - cpuStart, batches.count))
        let late = batches.map(\.lateRecordCount).reduce(0, +)
        let deadLetters = batches.map(\.deadLetterCount).reduce(0, +)
        if late != 0 || deadLetters != 0 { report("  WARNING: \(late) late records, \(deadLetters) dead letters") }
        return (seconds, try Self.readWindows(table))
    }

    /// User and system CPU seconds of this process so far (every thread): on a shared machine,
    /// steadier than wall time for comparing two builds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func readWindows(_ table: String) throws -> [String: Int64] {
        var scan = try Table(fileSystem: LocalFileSystem(), path: table).scan()
        let batch = try scan.readAll()
        guard let startColumn = batch.schema.index(of: "window_start"), let pageColumn = batch.schema.index(of: "page"),
              let viewsColumn = batch.schema.index(of: "views") else {
            throw SluiceError.data("\(table) lacks window_start, page or views")
        }
        var windows: [String: Int64] = [:]
        for index in 0..<batch.rowCount {
            let row = batch.row(index)
            guard case .timestamp(let startMicros) = row[startColumn], case .string(let page) = row[pageColumn],
                  case .int64(let views) = row[viewsColumn] else {
                throw SluiceError.data("unexpected row in \(table): \(row)")
            }
            windows["\(startMicros / 1000) \(page)", default: 0] += views
        }
        return windows
    }

    // MARK: Spark

    struct SparkOutcome {
        var seconds: Double
        var startupSeconds: Double
        var windows: [String: Int64]
    }

    struct SparkFailure: Error, CustomStringConvertible {
        var description: String
    }

    private func runSpark(environment: PythonEnvironment, eventsDirectory: String, folder: String) -> Result<SparkOutcome, SparkFailure> {
        do {
            try environment.ensureModule("pyspark", package: "pyspark")
        } catch {
            return .failure(SparkFailure(description: "cannot install pyspark: \(error)"))
        }
        let sparkEnvironment = ["PYSPARK_PYTHON": environment.python, "PYSPARK_DRIVER_PYTHON": environment.python]
        var best: SparkOutcome?
        for run in 0..<runCount {
            let output = folder + "/out-\(run)"
            let checkpoint = folder + "/checkpoint-\(run)"
            let child: ChildProcessMeasurement
            do {
                child = try ChildProcessMeasurement.run(environment.python, ["-c", AnchorScript.load("stream_spark"), eventsDirectory, output, checkpoint,
                                                                              String(Self.threadCount)], environment: sparkEnvironment)
            } catch {
                return .failure(SparkFailure(description: "cannot start: \(error)"))
            }
            guard child.succeeded else { return .failure(SparkFailure(description: child.failureSummary)) }
            let lines = child.standardOutput.split(separator: "\n")
            guard let startup = lines.first(where: { $0.hasPrefix("startup_seconds ") }).flatMap({ Double($0.dropFirst("startup_seconds ".count)) }) else {
                return .failure(SparkFailure(description: "no startup_seconds line in: \(child.standardOutput.prefix(200))"))
            }
            report("  Spark run \(run + 1): \(String(format: "%.2f", child.seconds - startup)) s after \(String(format: "%.2f", startup)) s start-up")
            let windows: [String: Int64]
            do {
                let text = try environment.run(script: AnchorScript.load("stream_windows"), arguments: [output])
                windows = try Self.parseWindowLines(text)
            } catch {
                return .failure(SparkFailure(description: "cannot read Spark's output: \(error)"))
            }
            if best == nil || child.seconds - startup < best!.seconds {
                best = SparkOutcome(seconds: child.seconds - startup, startupSeconds: startup, windows: windows)
            }
        }
        return .success(best!)
    }

    static func parseWindowLines(_ text: String) throws -> [String: Int64] {
        var windows: [String: Int64] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let count = Int64(fields[2]) else { throw SluiceError.data("bad window line '\(line)'") }
            windows["\(fields[0]) \(fields[1])"] = count
        }
        return windows
    }

    /// Every window Spark finalized must be in Sluice's table with the same count.
    static func compare(spark: [String: Int64], sluice: [String: Int64]) -> (matching: Int, mismatch: String?) {
        guard !spark.isEmpty else { return (0, "Spark wrote no windows") }
        var matching = 0
        var differences: [String] = []
        for (window, count) in spark.sorted(by: { $0.key < $1.key }) {
            if sluice[window] == count {
                matching += 1
            } else {
                differences.append("\(window): Spark \(count), Sluice \(sluice[window].map(String.init) ?? "none")")
            }
        }
        guard differences.isEmpty else {
            return (matching, "\(differences.count) of Spark's \(spark.count) windows differ, e.g. " + differences.prefix(3).joined(separator: "; "))
        }
        return (matching, nil)
    }

    // MARK: (c) latency

    struct LatencySummary {
        var producedEvents: Int
        var batchCount: Int
        var commitCount: Int
        var p50Seconds: Double
        var p99Seconds: Double
        var maxSeconds: Double
    }

    /// What the producer and the progress watcher saw, with monotonic nanoseconds.
    final class LatencyLog: @unchecked Sendable {
        // Sendable: every member is touched under `lock`.
        private let lock = Mutex()
        private var acknowledgements: [(nanos: UInt64, neededEndOffsets: [Int64])] = []
        private var commits: [(nanos: UInt64, endOffsets: [Int64])] = []
        private var failure: (any Error)?

        func acknowledged(at nanos: UInt64, neededEndOffsets: [Int64]) {
            lock.withLock { acknowledgements.append((nanos, neededEndOffsets)) }
        }

        func committed(at nanos: UInt64, endOffsets: [Int64]) {
            lock.withLock { commits.append((nanos, endOffsets)) }
        }

        func failed(_ error: any Error) { lock.withLock { failure = failure ?? error } }

        var error: (any Error)? { lock.withLock { failure } }

        var snapshot: (acknowledgements: [(nanos: UInt64, neededEndOffsets: [Int64])], commits: [(nanos: UInt64, endOffsets: [Int64])]) {
            lock.withLock { (acknowledgements, commits) }
        }
    }

    /// Produces events stamped "now" at 50,000/s into a fresh topic while the query runs with a
    /// 100 ms trigger; per produced batch, the time from its acknowledgement to the first
    /// committed batch whose end offsets cover it.
    private func measureLatency(store: TopicStore, folder: String) throws -> LatencySummary {
        let topic = "clicks-live"
        try store.createTopic(topic, configuration: TopicConfiguration(partitionCount: Self.partitionCount))
        let (query, _) = try Self.makeQuery(store: store, topic: topic, folder: folder, triggerMillis: Self.latencyTriggerMillis)
        let log = LatencyLog()
        let token = StopToken()
        let queryEnded = DispatchSemaphore(value: 0)
        let watcherEnded = DispatchSemaphore(value: 0)
        let producerEnded = DispatchSemaphore(value: 0)
        let producerStop = StopToken()

        Thread.detachNewThread {
            do { try query.run(until: .stopped(token)) } catch { log.failed(error) }
            queryEnded.signal()
        }
        // Watches the query's progress; it is published right after each batch's commit and checkpoint.
        Thread.detachNewThread {
            var lastBatch: Int64 = -1
            while !token.isStopped {
                if let progress = query.progress, progress.batchId != lastBatch {
                    lastBatch = progress.batchId
                    log.committed(at: DispatchTime.now().uptimeNanoseconds, endOffsets: progress.endOffsets)
                }
                usleep(250)
            }
            watcherEnded.signal()
        }
        let eventsPerProduce = Self.latencyEventsPerSecond * Self.latencyProduceIntervalMillis / 1000
        let produceCount = Int(latencySeconds * 1000) / Self.latencyProduceIntervalMillis
        Thread.detachNewThread {
            var generator = SeededRandomGenerator(seed: 7)
            let clock = SystemWallClock()
            let begin = DispatchTime.now().uptimeNanoseconds
            var neededEndOffsets = [Int64](repeating: 0, count: StreamBenchmark.partitionCount)
            for produceIndex in 0..<produceCount where !producerStop.isStopped {
                let due = begin + UInt64(produceIndex * StreamBenchmark.latencyProduceIntervalMillis) * 1_000_000
                let now = DispatchTime.now().uptimeNanoseconds
                if due > now { usleep(UInt32((due - now) / 1000)) }
                let millis = clock.nowMillis()
                var records: [LogRecord] = []
                records.reserveCapacity(eventsPerProduce)
                for _ in 0..<eventsPerProduce {
                    let user = "u\(1 + generator.next() % 1000)"
                    let line = "\(user),/p/\(1 + generator.next() % 200),\(millis)"
                    records.append(LogRecord(timestampMillis: millis, key: Array(user.utf8), value: Array(line.utf8)))
                }
                do {
                    let positions = try store.produce(topic: topic, records: records)
                    let acknowledged = DispatchTime.now().uptimeNanoseconds
                    for position in positions { neededEndOffsets[position.partition] = max(neededEndOffsets[position.partition], position.offset + 1) }
                    log.acknowledged(at: acknowledged, neededEndOffsets: neededEndOffsets)
                } catch {
                    log.failed(error)
                    break
                }
            }
            producerEnded.signal()
        }
        producerEnded.wait()
        // Lets the query catch up with the last produce (at most 10 s), then stops it.
        let deadline = DispatchTime.now().uptimeNanoseconds + 10_000_000_000
        while DispatchTime.now().uptimeNanoseconds < deadline, log.error == nil {
            let (acknowledgements, commits) = log.snapshot
            guard let last = acknowledgements.last else { break }
            if let newest = commits.last, Self.covers(newest.endOffsets, last.neededEndOffsets) { break }
            usleep(10_000)
        }
        token.stop()
        queryEnded.wait()
        watcherEnded.wait()
        if let error = log.error { throw error }

        let (acknowledgements, commits) = log.snapshot
        var latencies: [Double] = []
        for acknowledgement in acknowledgements {
            guard let commit = commits.first(where: { Self.covers($0.endOffsets, acknowledgement.neededEndOffsets) }) else {
                throw SluiceError.data("a produced batch never reached the table within 10 s of the last produce")
            }
            // A batch can read records before the producer hears its acknowledgement.
            latencies.append(commit.nanos > acknowledgement.nanos ? Double(commit.nanos - acknowledgement.nanos) / 1e9 : 0)
        }
        latencies.sort()
        func percentile(_ fraction: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int((Double(latencies.count) * fraction).rounded(.up)) - 1)]
        }
        return LatencySummary(producedEvents: acknowledgements.count * eventsPerProduce, batchCount: acknowledgements.count, commitCount: commits.count,
                              p50Seconds: percentile(0.50), p99Seconds: percentile(0.99), maxSeconds: latencies.last ?? 0)
    }

    static func covers(_ endOffsets: [Int64], _ needed: [Int64]) -> Bool {
        needed.indices.allSatisfy { partition in needed[partition] == 0 || (partition < endOffsets.count && endOffsets[partition] >= needed[partition]) }
    }

    // MARK: Report

    private func printTable(_ rows: [Row], sparkSeconds: Double?, querySeconds: Double, latency: LatencySummary?) {
        report("")
        report("tool".padding(toLength: Self.toolColumnWidth, withPad: " ", startingAt: 0) + "  seconds     events/s")
        for row in rows {
            var line = row.label.padding(toLength: Self.toolColumnWidth, withPad: " ", startingAt: 0)
            if let seconds = row.seconds { line += String(format: "  %7.2f", seconds) }
            if let rate = row.eventsPerSecond { line += String(format: "  %11.0f", rate) }
            if !row.note.isEmpty { line += "  " + row.note }
            report(line)
        }
        let sluiceRate = Double(Self.eventCount) / querySeconds
        if let sparkSeconds {
            report(String(format: "ratio: Spark after start-up / Sluice = %.1fx (Sluice takes %.3f of Spark's time)", sparkSeconds / querySeconds,
                          querySeconds / sparkSeconds))
        }
        if let latency {
            report(String(format: "latency, %d events/s in produces every %d ms for %.0f s, %d ms trigger: p50 %.3f s, p99 %.3f s, max %.3f s "
                          + "(%d produces, %d commits)", Self.latencyEventsPerSecond, Self.latencyProduceIntervalMillis, latencySeconds,
                          Self.latencyTriggerMillis, latency.p50Seconds, latency.p99Seconds, latency.maxSeconds, latency.batchCount, latency.commitCount))
        }
        report("")
        report(String(format: "bar throughput: %.0f events/s (bar >= %.0f) ", sluiceRate, Self.eventsPerSecondMin)
               + (sluiceRate >= Self.eventsPerSecondMin ? "met" : "MISSED"))
        if let latency {
            report(String(format: "bar latency: p99 %.3f s (bar < %.1f s) ", latency.p99Seconds, Self.latencyP99SecondsMax)
                   + (latency.p99Seconds < Self.latencyP99SecondsMax ? "met" : "MISSED"))
        }
    }

    // MARK: Data

    /// The four event files, generated (seed 3) when missing.
    private func eventFiles(environment: PythonEnvironment) throws -> [String] {
        let files = (0..<Self.fileCount).map { eventsDirectory + "/part\($0).csv" }
        if files.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) { return files }
        report("generating the S1 events (seed 3) into \(eventsDirectory) ...")
        let scratch = eventsDirectory + ".partial"
        try? FileManager.default.removeItem(atPath: scratch)
        _ = try environment.run(script: AnchorScript.load("gen_events"), arguments: [scratch, String(Self.fileCount), String(Self.eventsPerFile)])
        try? FileManager.default.removeItem(atPath: eventsDirectory)
        try FileManager.default.createDirectory(atPath: (eventsDirectory as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: scratch, toPath: eventsDirectory)
        return files
    }
}
