import Foundation
import Jobs
import SluiceCore
import Streaming
import Testing

/// Kappa reprocessing killed with kill -9 halfway, while the pipeline runs in another process
/// and events flow; a second `reprocess` builds the generation again, hands it to the running
/// process, which switches readers to it. The tables readers then see equal a plain computation.
@Suite(.serialized) struct ReprocessKillTests {
    @Test func reprocessKilledHalfwayThenRepeatedHandsOverAnExactGeneration() async throws {
        let folder = try ScratchDirectory()
        let processes = try SluiceChildProcesses(root: folder.path)
        defer { processes.killAll() }
        let warehouse = folder.path + "/warehouse"
        let events = PipelineKillTests.events(seed: 71)
        let generation = try await OwnThread.run { [path = folder.path] in
            try Self.reprocessWhileRunning(events, processes: processes, folder: path, warehouse: warehouse)
        }
        #expect(generation == 2)
        let pageViews = try ClickstreamFixture.rows(of: warehouse + "/page_views_g\(generation)", columns: ["window_start", "page", "views"])
        let expected = ClickstreamFixture.pageViewsPerMinute(events)
        #expect(pageViews == expected, "\(PipelineKillTests.difference(pageViews, expected))")
        let sessions = try ClickstreamFixture.rows(of: warehouse + "/user_sessions_g\(generation)",
                                                   columns: ["user_id", "window_start", "window_end", "clicks"])
        let expectedSessions = ClickstreamFixture.sessions(events, gapMillis: 600_000)
        #expect(sessions == expectedSessions, "\(PipelineKillTests.difference(sessions, expectedSessions))")
        let view = try String(contentsOfFile: warehouse + "/_views/page_views.sql", encoding: .utf8)
        #expect(view.contains("page_views_g\(generation)"), "\(view)")
    }

    /// - Returns: the generation readers see at the end.
    private static func reprocessWhileRunning(_ events: [ClickstreamFixture.Event], processes: SluiceChildProcesses, folder: String,
                                              warehouse: String) throws -> Int {
        let environment = ["HOME": folder + "/home", "SLUICE_HOME": folder + "/sluice-home"]
        let broker = try processes.start("broker", ["broker", "--dir", folder + "/topics", "--port", "0"], waitForAddress: true)!
        let client = BrokerClient(address: broker)
        try client.createTopic(ClickstreamKappa.topic, configuration: TopicConfiguration(partitionCount: 2))
        let options = ["clickstream-kappa", "--broker", broker, "--warehouse", warehouse, "--batch-records-max", "40"]
        let half = events.count / 2
        try ClickstreamFixture.produce(Array(events[..<half]), to: client, topic: ClickstreamKappa.topic)

        try processes.start("runner", ["pipeline", "run"] + options + ["--quiet", "--trigger-ms", "50"], environment: environment)
        try SluiceChildProcesses.wait(for: "generation 1") { PipelineKillTests.commitCount(in: warehouse + "/page_views_g1/_delta_log") >= 3 }
        // Small batches, so the replay takes long enough to be killed in the middle. While the
        // runner still builds generation 1, a reprocess must refuse (not build a second
        // generation 1 beside it); once readers see generation 1 it replays into generation 2.
        var refusals = 0
        while true {
            try processes.start("reprocess", ["pipeline", "reprocess"] + options + ["--batch-records-max", "10"], environment: environment)
            try SluiceChildProcesses.wait(for: "the replay into generation 2") {
                !processes.isRunning("reprocess") || PipelineKillTests.commitCount(in: warehouse + "/page_views_g2/_delta_log") >= 3
            }
            if processes.isRunning("reprocess") { break }
            let log = processes.logTail(of: "reprocess")
            guard processes.ending(of: "reprocess") == "exit status 1", log.contains("is building a generation in another process"), refusals < 3 else {
                throw CLITestSetupError("reprocess ended (\(processes.ending(of: "reprocess") ?? "?")):\n\(log)")
            }
            refusals += 1
            processes.kill("reprocess")
            try SluiceChildProcesses.wait(for: "readers on generation 1") { try currentGeneration(warehouse) >= 1 }
        }
        processes.kill("reprocess")
        guard !FileManager.default.fileExists(atPath: warehouse + "/_pipelines/clickstream-kappa/handover.json") else {
            throw CLITestSetupError("the replay was handed over before the kill; the test proves nothing")
        }

        for start in stride(from: half, to: events.count, by: 100) {
            try ClickstreamFixture.produce(Array(events[start..<min(start + 100, events.count)]), to: client, topic: ClickstreamKappa.topic)
        }
        let again = try processes.run(["pipeline", "reprocess"] + options, environment: environment)
        guard again.status == 0 else { throw CLITestSetupError("the second reprocess failed:\n\(again.output)") }
        guard processes.isRunning("runner") else { throw CLITestSetupError("the running pipeline exited:\n\(processes.logTail(of: "runner"))") }
        processes.kill("runner")
        let finish = try processes.run(["pipeline", "run"] + options + ["--until", "caught-up", "--quiet"], environment: environment)
        guard finish.status == 0 else { throw CLITestSetupError("the last run failed:\n\(finish.output)") }

        return try currentGeneration(warehouse)
    }

    /// The generation readers see, from the pipeline's state (0 before there is one).
    static func currentGeneration(_ warehouse: String) throws -> Int {
        guard let stateText = try? Data(contentsOf: URL(fileURLWithPath: warehouse + "/_pipelines/clickstream-kappa/state.json")) else { return 0 }
        let state = try JSONSerialization.jsonObject(with: stateText) as? [String: Any]
        guard let generation = state?["currentGeneration"] as? Int else { throw CLITestSetupError("no current generation in the state") }
        return generation
    }
}
