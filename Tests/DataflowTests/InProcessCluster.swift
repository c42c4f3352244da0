import Dataflow
import SluiceCore

/// A coordinator and workers as in-process HTTP services on loopback port 0, with short
/// heartbeats (200 ms, lost after 1.5 s), each in its own folder under `root`.
///
/// Lifetime: call `stop()` when done; it stops every member and removes `root`.
final class InProcessCluster: @unchecked Sendable {
    // Sendable: the members are fixed after `start` and guard themselves.
    let root: String
    let coordinator: ClusterCoordinator
    let workers: [ClusterWorker]

    static func start(workerCount: Int, slotCount: Int = 2, catalog: JobCatalog = JobCatalog(ClusterCheckJobs.all)) async throws -> InProcessCluster {
        let root = "/tmp/sluice-cluster-test-\(UInt32.random(in: 0...UInt32.max))"
        try LocalFileSystem().makeDirectories(root)
        let coordinator = try ClusterCoordinator(
            configuration: .init(port: 0, heartbeatIntervalMillis: 200, workerTimeoutMillis: 1_500, workDirectory: "\(root)/coordinator",
                                 eventWaitMillis: 500),
            catalog: catalog)
        try await coordinator.start()
        var workers: [ClusterWorker] = []
        for index in 0..<workerCount {
            let worker = try ClusterWorker(
                configuration: .init(coordinatorAddress: coordinator.address, slotCount: slotCount, workDirectory: "\(root)/worker\(index)",
                                     heartbeatIntervalMillis: 200),
                catalog: catalog)
            try await worker.start()
            workers.append(worker)
        }
        return InProcessCluster(root: root, coordinator: coordinator, workers: workers)
    }

    private init(root: String, coordinator: ClusterCoordinator, workers: [ClusterWorker]) {
        self.root = root
        self.coordinator = coordinator
        self.workers = workers
    }

    func submit(_ jobName: String, _ arguments: [String], config: ExecutionConfig = ExecutionConfig(defaultParallelism: 4),
                onEvent: @escaping @Sendable (JobEvent) -> Void = { _ in }) async throws -> JobSummary {
        try await ClusterJobSubmission.submit(coordinatorAddress: coordinator.address, jobName: jobName, arguments: arguments,
                                              config: config, onEvent: onEvent)
    }

    func stop() async {
        for worker in workers { await worker.stop() }
        await coordinator.stop()
        try? LocalFileSystem().delete(root, recursive: true)
    }
}
