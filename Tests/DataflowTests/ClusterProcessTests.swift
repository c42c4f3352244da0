import Dataflow
import Foundation
import SluiceCore
import Testing

/// The cluster executor as real processes: a `sluice coordinator` and three `sluice worker`s on
/// loopback, with 200 ms heartbeats and workers lost after 1.5 s of silence.
@Suite(.serialized) struct ClusterProcessTests {
    static func startCluster(root: String, workerCount: Int) async throws -> (SluiceProcesses, String) {
        let processes = try SluiceProcesses(root: root)
        let coordinator = try await processes.launch("coordinator", [
            "coordinator", "--port", "0", "--heartbeat-ms", "200", "--worker-timeout-ms", "1500", "--dir", "\(root)/coordinator",
        ])
        for index in 0..<workerCount {
            _ = try await processes.launch("worker\(index)", [
                "worker", "--coordinator", coordinator, "--slots", "2", "--dir", "\(root)/worker\(index)", "--heartbeat-ms", "200",
            ])
        }
        return (processes, coordinator)
    }

    @Test func wordCountSurvivesAWorkerKilledMidJobWithOutputIdenticalToAFaultFreeRun() async throws {
        let root = "/tmp/sluice-cluster-process-\(UInt32.random(in: 0...UInt32.max))"
        let (processes, coordinator) = try await Self.startCluster(root: root, workerCount: 3)
        defer { processes.stopAll() }
        try ClusterExecutorTests.writeWords(to: "\(root)/input.txt", lineCount: 400_000, seed: 21)
        let arguments = ["--input", "\(root)/input.txt", "--partitions", "12"]
        let config = ExecutionConfig(defaultParallelism: 12, splitSizeBytes: 1 << 20)

        _ = try await ClusterJobSubmission.submit(coordinatorAddress: coordinator, jobName: "check-wordcount",
                                                  arguments: arguments + ["--output", "\(root)/fault-free"], config: config)

        let killed = Flag()
        let finishedMapTasks = Flag()
        _ = try await ClusterJobSubmission.submit(coordinatorAddress: coordinator, jobName: "check-wordcount",
                                                  arguments: arguments + ["--output", "\(root)/with-kill"], config: config) { event in
            // After the first map task of the shuffle stage finished, worker 0 dies with what it holds.
            if case .taskEnded(_, _, _, let metrics, nil) = event, metrics.shuffleBytesWritten > 0, finishedMapTasks.set(), killed.set() {
                processes.kill("worker0")
            }
        }
        #expect(killed.isSet)
        let faultFree = try ClusterExecutorTests.partFiles(in: "\(root)/fault-free")
        #expect(faultFree.count == 12)
        #expect(try ClusterExecutorTests.partFiles(in: "\(root)/with-kill") == faultFree)
    }

    @Test func aTaskThatAlwaysThrowsFailsTheSubmittedJobAfterFourAttempts() async throws {
        let root = "/tmp/sluice-cluster-process-\(UInt32.random(in: 0...UInt32.max))"
        let (processes, coordinator) = try await Self.startCluster(root: root, workerCount: 3)
        defer { processes.stopAll() }
        do {
            _ = try await ClusterJobSubmission.submit(coordinatorAddress: coordinator, jobName: "check-failing-task", arguments: [],
                                                      config: ExecutionConfig(defaultParallelism: 2))
            Issue.record("the job should have failed")
        } catch let failure as JobFailure {
            #expect(failure.attemptCount == 4)
            #expect(failure.description.contains("(parallelize → map), partition \(failure.partition) failed 4 times"))
            #expect(failure.cause.contains("check-failing-task always fails"))
        }
    }
}
