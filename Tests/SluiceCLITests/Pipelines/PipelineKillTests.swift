import Foundation
import Jobs
import SluiceCore
import Streaming
import Testing
import Warehouse

/// Exactly once under kill -9: `sluice pipeline run clickstream-kappa` as a child process, fed
/// through a `sluice broker` process while it runs, killed with SIGKILL at seeded moments and
/// restarted each time. Its tables must end equal to a plain computation over what was produced
/// (no duplicate, no loss), and every version of them must read whole.
@Suite(.serialized) struct PipelineKillTests {
    static let start: Int64 = 1_709_280_000_000  // 2024-03-01T08:00:00Z
    static let chunkEventCount = 100
    static let killCount = 6

    /// Six groups of seeded clicks, far enough apart in event time that windows retire and
    /// sessions end between groups (the sinks' final files, not only their open ones). Disorder
    /// stays under 2 s, far inside the pipeline's 10 s watermark, so no record is late.
    static func events(seed: UInt64) -> [ClickstreamFixture.Event] {
        let groupStartsMillis: [Int64] = [0, 60_000, 600_000, 1_500_000, 1_560_000, 3_000_000]
        return groupStartsMillis.enumerated().flatMap { group, offsetMillis in
            ClickstreamFixture.events(count: 500, seed: seed &+ UInt64(group), startMillis: start + offsetMillis, disorderMillis: 2_000,
                                      malformedEvery: 97)
        }
    }

    @Test(arguments: [UInt64(7), 8])
    func kappaTablesEqualThePlainAnswerAfterRepeatedKillMinusNine(seed: UInt64) async throws {
        let folder = try ScratchDirectory()
        let processes = try SluiceChildProcesses(root: folder.path)
        defer { processes.killAll() }
        let warehouse = folder.path + "/warehouse"
        let events = Self.events(seed: seed)
        let kills = try await OwnThread.run { [path = folder.path] in
            try Self.produceWhileKilling(events, seed: seed, pipeline: "clickstream-kappa", processes: processes, folder: path,
                                         warehouse: warehouse, progressTable: "page_views_g1")
        }
        #expect(kills == Self.killCount + 1)

        let pageViewsTable = warehouse + "/page_views_g1"
        let pageViews = try ClickstreamFixture.rows(of: pageViewsTable, columns: ["window_start", "page", "views"])
        let sessions = try ClickstreamFixture.rows(of: warehouse + "/user_sessions_g1", columns: ["user_id", "window_start", "window_end", "clicks"])
        let expectedPageViews = ClickstreamFixture.pageViewsPerMinute(events)
        #expect(pageViews.count == expectedPageViews.count)
        #expect(pageViews == expectedPageViews, "\(Self.difference(pageViews, expectedPageViews))")
        let expectedSessions = ClickstreamFixture.sessions(events, gapMillis: 600_000)
        #expect(sessions == expectedSessions, "\(Self.difference(sessions, expectedSessions))")

        try Self.checkEveryVersion(of: pageViewsTable, final: expectedPageViews, appId: "clickstream-kappa.g1.page_views")
    }

    @Test(arguments: [UInt64(21)])
    func lambdaServedAnswerEqualsThePlainAnswerAfterRepeatedKillMinusNine(seed: UInt64) async throws {
        let folder = try ScratchDirectory()
        let processes = try SluiceChildProcesses(root: folder.path)
        defer { processes.killAll() }
        let warehouse = folder.path + "/warehouse"
        let events = Self.events(seed: seed)
        // The batch layer runs every second while the pipeline runs, so kills also land in
        // batch runs and generation switches.
        let kills = try await OwnThread.run { [path = folder.path] in
            try Self.produceWhileKilling(events, seed: seed, pipeline: "clickstream-lambda", processes: processes, folder: path,
                                         warehouse: warehouse, progressTable: "clickstream_lambda_master", runOptions: ["--batch-every", "1s"])
        }
        #expect(kills == Self.killCount + 1)
        let master = try ClickstreamFixture.rows(of: warehouse + "/clickstream_lambda_master", columns: ["partition", "offset"])
        #expect(master.count == events.count && Set(master).count == events.count, "the master dataset holds each record once")
        let served = try ClickstreamFixture.lambdaServedAnswer(warehouse: warehouse)
        let expected = ClickstreamFixture.lambdaAnswer(events)
        #expect(served == expected, "\(Self.difference(served, expected))")
        // A batch run after the kills (one may have died building a generation) keeps it exact.
        let batch = try await OwnThread.run { [path = folder.path] in
            try processes.run(["pipeline", "batch", "clickstream-lambda", "--warehouse", warehouse, "--broker", try Self.brokerAddress(in: path)],
                              environment: ["HOME": path + "/home", "SLUICE_HOME": path + "/sluice-home"])
        }
        #expect(batch.status == 0, "\(batch.output)")
        let afterBatch = try ClickstreamFixture.lambdaServedAnswer(warehouse: warehouse)
        #expect(afterBatch == expected, "after a batch run: \(Self.difference(afterBatch, expected))")
    }

    /// The address the broker child of a test in `folder` wrote.
    static func brokerAddress(in folder: String) throws -> String {
        try String(contentsOfFile: folder + "/broker-1.address", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs the pipeline as a child process while producing `events` in chunks, kills it
    /// `killCount` times at seeded moments (each after the incarnation committed something, then
    /// a seeded pause) and restarts it; kills the last one too once everything is produced and
    /// finishes with `--until caught-up`.
    /// - Returns: how many times the pipeline was killed.
    /// - Parameters:
    ///   - progressTable: a table the pipeline commits to with every batch; a kill waits until
    ///     the incarnation committed to it.
    ///   - runOptions: more `pipeline run` options.
    ///   - countCommits: how many commits `progressTable` has (default: its local Delta log's).
    static func produceWhileKilling(_ events: [ClickstreamFixture.Event], seed: UInt64, pipeline: String,
                                    processes: SluiceChildProcesses, folder: String, warehouse: String, progressTable: String,
                                    runOptions: [String] = [], countCommits: ((String) throws -> Int)? = nil) throws -> Int {
        let environment = ["HOME": folder + "/home", "SLUICE_HOME": folder + "/sluice-home"]
        let brokerAddress = try processes.start("broker", ["broker", "--dir", folder + "/topics", "--port", "0"], waitForAddress: true)!
        let client = BrokerClient(address: brokerAddress)
        try client.createTopic(ClickstreamKappa.topic, configuration: TopicConfiguration(partitionCount: 2))

        var random = SeededRandomGenerator(seed: seed)
        let chunks = stride(from: 0, to: events.count, by: chunkEventCount).map { Array(events[$0..<min($0 + chunkEventCount, events.count)]) }
        var killAfterChunks = Set<Int>()
        while killAfterChunks.count < killCount { killAfterChunks.insert(Int.random(in: 1..<(chunks.count - 1), using: &random)) }

        // Small batches: many commits, so the kills land inside batches as well as between them.
        let run = ["pipeline", "run", pipeline, "--broker", brokerAddress, "--warehouse", warehouse, "--quiet",
                   "--batch-records-max", "40", "--trigger-ms", "50"]
        let commitLog = warehouse + "/" + progressTable + "/_delta_log"
        let countCommits = countCommits ?? { commitCount(in: $0) }
        var kills = 0
        func startPipeline() throws -> Int {
            try processes.start("pipeline", run + runOptions + ["--until", "stopped"], environment: environment)
            return try countCommits(commitLog)
        }
        /// Waits until this incarnation committed a batch, pauses a seeded while, kills it.
        func killPipeline(committedAtStart: Int) throws {
            try SluiceChildProcesses.wait(for: "a commit of the pipeline (killed \(kills) times)") {
                guard processes.isRunning("pipeline") else {
                    throw CLITestSetupError("the pipeline exited on its own:\n\(processes.logTail(of: "pipeline"))")
                }
                return try countCommits(commitLog) > committedAtStart
            }
            if Bool.random(using: &random) {
                // At a seeded moment.
                usleep(UInt32.random(in: 0..<400_000, using: &random))
            } else {
                // As soon as the next commit lands: often before the batch's checkpoint, so the
                // restart replays a batch the table already has.
                let committed = try countCommits(commitLog)
                let deadline = Date().addingTimeInterval(30)
                while try countCommits(commitLog) == committed, processes.isRunning("pipeline"), Date() < deadline { usleep(200) }
            }
            guard processes.isRunning("pipeline") else {
                throw CLITestSetupError("the pipeline exited on its own:\n\(processes.logTail(of: "pipeline"))")
            }
            processes.kill("pipeline")
            kills += 1
        }

        var committedAtStart = try startPipeline()
        for (index, chunk) in chunks.enumerated() {
            try ClickstreamFixture.produce(chunk, to: client, topic: ClickstreamKappa.topic)
            // Spread the events over time, so the pipeline works while they flow.
            usleep(UInt32.random(in: 0..<60_000, using: &random))
            if killAfterChunks.contains(index) {
                try killPipeline(committedAtStart: committedAtStart)
                committedAtStart = try startPipeline()
            }
        }
        try killPipeline(committedAtStart: committedAtStart)
        let finish = try processes.run(run + ["--until", "caught-up"], environment: environment)
        guard finish.status == 0 else { throw CLITestSetupError("the last run failed:\n\(finish.output)") }
        return kills
    }

    /// How many commits (JSON files) a Delta log folder holds; 0 before it exists.
    static func commitCount(in logFolder: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: logFolder)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.count
    }

    /// Every version of the windowed table reads, holds each (window, page) once, and never
    /// counts more than the final answer — a duplicated batch would show as one of those; the
    /// newest version carries the pipeline's `txn`.
    static func checkEveryVersion(of location: String, final: [String], appId: String) throws {
        var finalViews: [String: Int64] = [:]
        for line in final {
            let parts = line.split(separator: "|")
            finalViews["\(parts[0])|\(parts[1])"] = Int64(parts[2])!
        }
        let table = try Table(fileSystem: LocalFileSystem(), path: location)
        let latest = try table.snapshot()
        #expect(latest.version > 30, "the pipeline made few commits; the kills prove little")
        for version in 0...latest.version {
            let snapshot = try table.snapshot(version: version)
            var scan = try table.scan(snapshot: snapshot, columns: ["window_start", "page", "views"])
            let batch = try scan.readAll()
            var seen = Set<String>()
            for row in 0..<batch.rowCount {
                guard case .timestamp(let start) = batch.columns[0][row], case .string(let page) = batch.columns[1][row],
                      case .int64(let views) = batch.columns[2][row] else {
                    Issue.record("version \(version), row \(row): unexpected values")
                    continue
                }
                let key = "\(start)|\(page)"
                #expect(seen.insert(key).inserted, "version \(version) holds window \(key) twice")
                #expect(views <= finalViews[key] ?? 0, "version \(version) counts \(views) views for \(key), more than \(finalViews[key] ?? 0)")
            }
        }
        let transaction = latest.transactions[appId]
        #expect(transaction != nil, "the newest version has no txn for \(appId): \(latest.transactions)")
        let newestCommit = try String(contentsOfFile: location + "/_delta_log/" + String(format: "%020lld", latest.version) + ".json",
                                      encoding: .utf8)
        #expect(newestCommit.contains("\"txn\"") && newestCommit.contains(appId), "\(newestCommit)")
    }

    /// What one list has that the other has not, for a readable failure.
    static func difference(_ actual: [String], _ expected: [String]) -> String {
        let extra = Set(actual).subtracting(expected).sorted().prefix(10)
        let missing = Set(expected).subtracting(actual).sorted().prefix(10)
        return "extra: \(Array(extra)), missing: \(Array(missing))"
    }
}
