import Dataflow
import Foundation
import Jobs
import SluiceCore
import Streaming
import Testing
import Warehouse

/// The example pipelines in one process over the embedded topic store: kappa's tables against
/// a plain computation and reprocessing against the live run, lambda's merged answer against a
/// full recomputation at every step.
@Suite struct ExamplePipelineTests {
    let start: Int64 = 1_709_280_000_000  // 2024-03-01T08:00:00Z

    private func environment(_ folder: ScratchDirectory, log: TopicStore) -> PipelineEnvironment {
        PipelineEnvironment(log: log, warehouse: folder.path + "/warehouse", taskThreadCount: 2, recordsPerPartitionPerBatchMax: 700,
                            batchExecution: ExecutionConfig(master: .local(threadCount: 2)))
    }

    @Test func kappaTablesMatchAPlainComputationAndReprocessingMatchesTheLiveRun() async throws {
        let folder = try ScratchDirectory()
        let log = try TopicStore(directory: folder.path + "/topics")
        defer { log.close() }
        let runner = PipelineRunner(definition: ClickstreamKappa.definition, environment: environment(folder, log: log))
        try log.createTopic(ClickstreamKappa.topic, configuration: TopicConfiguration(partitionCount: 2))
        var produced: [ClickstreamFixture.Event] = []
        // Live: three chunks, each run until caught up (many batches of 700 records each); the
        // third comes half an hour later, so every user gets a second session.
        for (chunk, offsetMillis) in [Int64(0), 40_000, 1_800_000].enumerated() {
            let events = ClickstreamFixture.events(count: 1_500, seed: UInt64(10 + chunk), startMillis: start + offsetMillis,
                                                   malformedEvery: 97)
            try ClickstreamFixture.produce(events, to: log, topic: ClickstreamKappa.topic)
            produced += events
            let summary = try await OwnThread.run { try runner.run(until: .caughtUp) }
            #expect(summary.deadLetters > 0)
        }
        let live = try generationTables(runner, folder)
        #expect(live.pageViews == ClickstreamFixture.pageViewsPerMinute(produced))
        #expect(live.sessions == ClickstreamFixture.sessions(produced, gapMillis: 600_000))
        #expect(live.sessions.count == 80)
        #expect(try runner.status().currentGeneration == 1)

        let outcome = try await OwnThread.run { try runner.reprocess() }
        #expect(outcome.generation == 2 && !outcome.handedOver)
        let reprocessed = try generationTables(runner, folder)
        #expect(reprocessed.pageViews == live.pageViews)
        #expect(reprocessed.sessions == live.sessions)
        // The views readers query now name generation 2's tables.
        let views = WarehouseViews(fileSystem: LocalFileSystem(), root: folder.path + "/warehouse")
        #expect(try views.definition(named: "page_views") == "SELECT * FROM page_views_g2")
    }

    @Test func lambdaServingViewEqualsAFullRecomputationAtEveryStep() async throws {
        let folder = try ScratchDirectory()
        let log = try TopicStore(directory: folder.path + "/topics")
        defer { log.close() }
        let runner = PipelineRunner(definition: ClickstreamLambda.definition, environment: environment(folder, log: log))
        try log.createTopic(ClickstreamKappa.topic, configuration: TopicConfiguration(partitionCount: 2))
        var produced: [ClickstreamFixture.Event] = []
        var joinedPieces = 0
        func produce(_ count: Int, seed: UInt64, at offsetMillis: Int64) throws {
            // Disorder of up to 3 minutes: late for any watermark, still counted by lambda.
            let events = ClickstreamFixture.events(count: count, seed: seed, startMillis: start + offsetMillis, disorderMillis: 180_000,
                                                   malformedEvery: 61)
            try ClickstreamFixture.produce(events, to: log, topic: ClickstreamKappa.topic)
            produced += events
        }
        func checkServedAnswer(_ step: String) throws {
            // Through SQL, as readers see it: the views merge each generation's batch and speed tables.
            let warehouse = folder.path + "/warehouse"
            let served = try ClickstreamFixture.lambdaServedAnswer(warehouse: warehouse)
            #expect(served == ClickstreamFixture.lambdaAnswer(produced), "\(step)")
            let sessionCount = served.filter { $0.hasPrefix("session|") }.count
            // Sessions the cut split are pieces in both tables that the view joins into one.
            let generation = try runner.status().currentGeneration
            let pieces = try ["batch", "speed"].map {
                try ClickstreamFixture.rows(of: warehouse + "/clickstream_lambda_user_sessions_\($0)_g\(generation)", columns: ["user_id"]).count
            }
            joinedPieces += pieces.reduce(0, +) - sessionCount
        }

        try produce(1_200, seed: 1, at: 0)
        try await OwnThread.run { try runner.run(until: .caughtUp) }
        try checkServedAnswer("first run (batch over the master dataset)")
        try produce(900, seed: 2, at: 30_000)
        try await OwnThread.run { try runner.run(until: .caughtUp) }
        try checkServedAnswer("speed layer after the cut")
        let switched = try await OwnThread.run { try runner.runBatchLayer() }
        #expect(switched.generation == 2 && switched.cutOffsets?.reduce(0, +) == Int64(produced.count))
        try checkServedAnswer("after a batch run")
        try produce(800, seed: 3, at: 50_000)
        try await OwnThread.run { try runner.run(until: .caughtUp) }
        try checkServedAnswer("speed layer of generation 2")
        _ = try await OwnThread.run { try runner.runBatchLayer() }
        try checkServedAnswer("after a second batch run")
        #expect(joinedPieces > 0, "no session spanned a cut: the view's merge went untested")
        // Generation 1's tables went when generation 3 came (the previous one stays for readers).
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/warehouse/clickstream_lambda_page_views_batch_g1"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/warehouse/clickstream_lambda_user_sessions_batch_g2"))
    }

    @Test func reprocessWhileRunningIsHandedToTheRunningPipeline() async throws {
        let folder = try ScratchDirectory()
        let log = try TopicStore(directory: folder.path + "/topics")
        defer { log.close() }
        var settings = environment(folder, log: log)
        settings.runnerLockFolder = folder.path + "/locks"
        settings.triggerIntervalMillis = 20
        try log.createTopic(ClickstreamKappa.topic, configuration: TopicConfiguration(partitionCount: 2))
        let events = ClickstreamFixture.events(count: 2_000, seed: 21, startMillis: start)
        try ClickstreamFixture.produce(events, to: log, topic: ClickstreamKappa.topic)

        let running = PipelineRunner(definition: ClickstreamKappa.definition, environment: settings)
        let token = StopToken()
        let runTask = _Concurrency.Task { try await OwnThread.run { try running.run(until: .stopped(token)) } }
        // Wait until the running pipeline made generation 1 and read everything.
        let other = PipelineRunner(definition: ClickstreamKappa.definition, environment: settings)
        for _ in 0..<2_000 where try other.status().currentGeneration < 1 { try await _Concurrency.Task.sleep(nanoseconds: 5_000_000) }
        #expect(try other.status().currentGeneration == 1)
        do {
            let second = PipelineRunner(definition: ClickstreamKappa.definition, environment: settings)
            _ = try await OwnThread.run { try second.run(until: .caughtUp) }
            Issue.record("a second runner of a running pipeline must be refused")
        } catch let error as SluiceError {
            #expect(error.message.contains("is already running"))
        }

        let outcome = try await OwnThread.run { try other.reprocess() }
        #expect(outcome.generation == 2 && outcome.handedOver)
        let more = ClickstreamFixture.events(count: 500, seed: 22, startMillis: start + 60_000)
        try ClickstreamFixture.produce(more, to: log, topic: ClickstreamKappa.topic)
        for _ in 0..<2_000 {
            let rows = try ClickstreamFixture.rows(of: folder.path + "/warehouse/page_views_g2", columns: ["views"])
            if rows.map({ Int($0)! }).reduce(0, +) == 2_500 { break }
            try await _Concurrency.Task.sleep(nanoseconds: 5_000_000)
        }
        token.stop()
        let summary = try await runTask.value
        #expect(summary.switchedGenerations == [2])
        let pageViews = try ClickstreamFixture.rows(of: folder.path + "/warehouse/page_views_g2", columns: ["window_start", "page", "views"])
        #expect(pageViews == ClickstreamFixture.pageViewsPerMinute(events + more))
    }

    /// The current generation's page views and sessions, as sorted lines.
    private func generationTables(_ runner: PipelineRunner, _ folder: ScratchDirectory) throws -> (pageViews: [String], sessions: [String]) {
        let generation = try runner.status().currentGeneration
        let pageViews = try ClickstreamFixture.rows(of: folder.path + "/warehouse/page_views_g\(generation)",
                                                    columns: ["window_start", "page", "views"])
        let sessions = try ClickstreamFixture.rows(of: folder.path + "/warehouse/user_sessions_g\(generation)",
                                                   columns: ["user_id", "window_start", "window_end", "clicks"])
        return (pageViews, sessions)
    }
}
