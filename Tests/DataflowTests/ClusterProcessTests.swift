import Cluster
import Dataflow
import Foundation
import SluiceCore
import Testing

/// The cluster executor as real processes: a `sluice coordinator` and three `sluice worker`s on
/// loopback, with 200 ms heartbeats and workers lost after 1.5 s of silence.
@Suite(.serialized) struct ClusterProcessTests {
    static func startCluster(root: String, workerCount: Int) async throws -> (SluiceProcesses, String) {
        let processes = try SluiceProcesses(root: root)
        let coordinator = try await startJobProcesses(processes, workerHosts: Array(repeating: "127.0.0.1", count: workerCount))
        return (processes, coordinator)
    }

    /// Starts a coordinator and a worker (2 slots) per host in `workerHosts`; returns the coordinator's address.
    static func startJobProcesses(_ processes: SluiceProcesses, workerHosts: [String]) async throws -> String {
        let root = processes.root
        let coordinator = try await processes.launch("coordinator", [
            "coordinator", "--port", "0", "--heartbeat-ms", "200", "--worker-timeout-ms", "1500", "--dir", "\(root)/coordinator",
        ])
        for (index, host) in workerHosts.enumerated() {
            _ = try await processes.launch("worker\(index)", [
                "worker", "--coordinator", coordinator, "--slots", "2", "--dir", "\(root)/worker\(index)", "--heartbeat-ms", "200",
                "--host", host,
            ])
        }
        return coordinator
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

    /// The issue's fault test: namenode, 3 datanodes (256 KiB blocks, 2 replicas), a coordinator
    /// and a worker beside each datanode; word count reads its input from the block store and
    /// writes its part files there; worker 0 is killed with SIGKILL once the first map task
    /// finished; the output equals a fault-free run's, and input tasks ran where their blocks are.
    @Test(arguments: [ExecutionMode.dataflow, .mapreduce])
    func wordCountOverTheBlockStoreSurvivesAWorkerKilledMidJob(mode: ExecutionMode) async throws {
        let root = "/tmp/sluice-cluster-dfs-\(UInt32.random(in: 0...UInt32.max))"
        let processes = try SluiceProcesses(root: root)
        defer { processes.stopAll() }
        let nameNode = try await processes.startBlockStore(dataNodeCount: 3, blockSizeBytes: 256 << 10, replication: 2)
        let coordinator = try await Self.startJobProcesses(processes, workerHosts: (0..<3).map(SluiceProcesses.dataNodeHost))
        try ClusterExecutorTests.writeWords(to: "\(root)/input.txt", lineCount: 100_000, seed: 33)
        _ = try processes.dfs(nameNode, ["-put", "\(root)/input.txt", "/input.txt"])
        let fsck = try processes.dfs(nameNode, ["fsck", "/input.txt"])
        let blockCount = fsck.components(separatedBy: "Total blocks:\t").dropFirst().first.map { Int($0.prefix { $0.isNumber }) ?? 0 } ?? 0
        #expect(blockCount >= 10, "the input should have several blocks: \(fsck)")
        let arguments = ["--input", "dfs://\(nameNode)/input.txt", "--partitions", "8"]
        let config = ExecutionConfig(mode: mode, defaultParallelism: 8, splitSizeBytes: 1 << 20)

        _ = try await ClusterJobSubmission.submit(coordinatorAddress: coordinator, jobName: "check-wordcount",
                                                  arguments: arguments + ["--output", "dfs://\(nameNode)/fault-free"], config: config)
        let workers = try await Self.listWorkers(coordinator)
        let preferring = workers.reduce(0) { $0 + ($1.startedPreferringTaskCount ?? 0) }
        let dataLocal = workers.reduce(0) { $0 + ($1.startedDataLocalTaskCount ?? 0) }
        // Two passes over the input (count, then the map stage), a task per block, each block on
        // two of the three hosts (so chance alone would put two thirds there): a task waits up to
        // a second for a slot on its block's host, so nearly all run there (80 % allows for a loaded machine).
        #expect(preferring >= 2 * 10)
        #expect(dataLocal * 5 >= preferring * 4, "\(dataLocal) of \(preferring) input tasks ran on a host of their block")

        let killed = Flag()
        let finishedMapTasks = Flag()
        _ = try await ClusterJobSubmission.submit(coordinatorAddress: coordinator, jobName: "check-wordcount",
                                                  arguments: arguments + ["--output", "dfs://\(nameNode)/with-kill"], config: config) { event in
            if case .taskEnded(_, _, _, let metrics, nil) = event, metrics.shuffleBytesWritten > 0, finishedMapTasks.set(), killed.set() {
                processes.kill("worker0")
            }
        }
        #expect(killed.isSet)
        let faultFree = try processes.dfsPartFiles(nameNode, in: "/fault-free")
        #expect(faultFree.count == 8)
        #expect(faultFree.values.reduce(0) { $0 + $1.count } == 300)
        #expect(try processes.dfsPartFiles(nameNode, in: "/with-kill") == faultFree)
    }

    static func listWorkers(_ coordinator: String) async throws -> [CoordinatorProtocol.WorkerStatus] {
        try await JSONRPCClient(address: coordinator, timeoutSeconds: 10).call(
            CoordinatorProtocol.Method.listWorkers, CoordinatorProtocol.ListWorkersRequest(), as: CoordinatorProtocol.ListWorkersAnswer.self
        ).workers
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
