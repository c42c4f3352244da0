import Foundation
import Jobs
import SluiceCore
import Streaming
import Testing

/// A lambda batch run killed with kill -9 while its new generation's speed layer catches up,
/// then the pipeline run and a batch run again: the served answer stays exact. The next batch
/// run builds a generation of the same number from a later cut; what the dead attempt left (its
/// speed table and checkpoints, which start at the earlier cut) must not be taken for it.
@Suite(.serialized) struct LambdaBatchKillTests {
    @Test func batchRunKilledWhileItsSpeedLayerCatchesUpLeavesNothingThatCountsTwice() async throws {
        let folder = try ScratchDirectory()
        let processes = try SluiceChildProcesses(root: folder.path)
        defer { processes.killAll() }
        let warehouse = folder.path + "/warehouse"
        let early = ClickstreamFixture.events(count: 1_000, seed: 41, startMillis: PipelineKillTests.start, malformedEvery: 89)
        let late = ClickstreamFixture.events(count: 1_000, seed: 42, startMillis: PipelineKillTests.start + 120_000, malformedEvery: 89)
        let answers = try await OwnThread.run { [path = folder.path] in
            try Self.killBatchRunMidway(early: early, late: late, processes: processes, folder: path, warehouse: warehouse)
        }
        let expected = ClickstreamFixture.lambdaAnswer(early + late)
        #expect(answers.afterRun == expected, "after the run: \(PipelineKillTests.difference(answers.afterRun, expected))")
        #expect(answers.afterBatch == expected, "after the batch run: \(PipelineKillTests.difference(answers.afterBatch, expected))")
    }

    struct Answers: Sendable {
        var afterRun: [String]
        var afterBatch: [String]
    }

    private static func killBatchRunMidway(early: [ClickstreamFixture.Event], late: [ClickstreamFixture.Event], processes: SluiceChildProcesses,
                                           folder: String, warehouse: String) throws -> Answers {
        let environment = ["HOME": folder + "/home", "SLUICE_HOME": folder + "/sluice-home"]
        let broker = try processes.start("broker", ["broker", "--dir", folder + "/topics", "--port", "0"], waitForAddress: true)!
        let client = BrokerClient(address: broker)
        try client.createTopic(ClickstreamKappa.topic, configuration: TopicConfiguration(partitionCount: 2))
        let options = ["clickstream-lambda", "--broker", broker, "--warehouse", warehouse]
        func sluice(_ arguments: [String]) throws {
            let run = try processes.run(arguments, environment: environment)
            guard run.status == 0 else { throw CLITestSetupError("sluice \(arguments.joined(separator: " ")) failed:\n\(run.output)") }
        }

        try ClickstreamFixture.produce(early, to: client, topic: ClickstreamKappa.topic)
        try sluice(["pipeline", "run"] + options + ["--until", "caught-up", "--quiet"])
        try ClickstreamFixture.produce(late, to: client, topic: ClickstreamKappa.topic)

        // The pipeline "runs elsewhere" (this process holds its lock), so the batch run takes the
        // master dataset as it is (the early events), and its speed layer catches up on the late
        // ones in small batches: time to kill it in the middle.
        let lock = try RunnerLockHolder(path: warehouse + "/_pipelines/clickstream-lambda.lock")
        try processes.start("batch", ["pipeline", "batch"] + options + ["--batch-records-max", "5"], environment: environment)
        let speedLog = warehouse + "/clickstream_lambda_page_views_speed_g2/_delta_log"
        try SluiceChildProcesses.wait(for: "commits of generation 2's speed layer") {
            guard processes.isRunning("batch") else { throw CLITestSetupError("the batch run ended:\n\(processes.logTail(of: "batch"))") }
            return PipelineKillTests.commitCount(in: speedLog) >= 3
        }
        processes.kill("batch")
        lock.release()
        let state = try String(contentsOfFile: warehouse + "/_pipelines/clickstream-lambda/state.json", encoding: .utf8)
        guard !state.contains("\"number\" : 2"), !FileManager.default.fileExists(atPath: warehouse + "/_pipelines/clickstream-lambda/handover.json") else {
            throw CLITestSetupError("the batch run got to switch generations before the kill; the test proves nothing")
        }

        try sluice(["pipeline", "run"] + options + ["--until", "caught-up", "--quiet"])
        let afterRun = try ClickstreamFixture.lambdaServedAnswer(warehouse: warehouse)
        try sluice(["pipeline", "batch"] + options)
        let afterBatch = try ClickstreamFixture.lambdaServedAnswer(warehouse: warehouse)
        return Answers(afterRun: afterRun, afterBatch: afterBatch)
    }

    /// Holds a pipeline's runner lock (an exclusive `flock`) from the test process, as a
    /// running pipeline would.
    private final class RunnerLockHolder: Sendable {
        private let descriptor: Int32

        init(path: String) throws {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            descriptor = open(path, O_RDWR | O_CREAT, 0o644)
            guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { throw CLITestSetupError("cannot take the lock \(path)") }
        }

        func release() { close(descriptor) }
    }
}
