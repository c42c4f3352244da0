import ArgumentParser
import Cluster
import Dataflow
import SluiceCore

/// `sluice coordinator`: runs a cluster's job coordinator in the foreground.
struct CoordinatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Run the job coordinator of a cluster (workers register with it; jobs are submitted to it).",
        discussion: """
            Workers (`sluice worker --coordinator HOST:PORT`) register and heartbeat; a worker \
            silent for --worker-timeout-ms is lost, and its tasks and map output are redone \
            elsewhere. Submit jobs with `sluice submit JOB --master sluice://HOST:PORT`. Every \
            process of a cluster must run the same binary: jobs are code compiled into it.
            """
    )

    @Option(help: "The HTTP port (0 picks a free one).")
    var port: Int = 7077

    @Option(help: "The address workers and submitters reach the coordinator at.")
    var host: String = "127.0.0.1"

    @Option(help: "The address to listen on.")
    var bindHost: String?

    @Option(help: "How often workers heartbeat, in milliseconds.")
    var heartbeatMs: Int = 1_000

    @Option(help: "Milliseconds without a heartbeat before a worker is lost.")
    var workerTimeoutMs: Int = 10_000

    @Option(help: "Folder for the drivers' work files (default: a temporary folder).")
    var dir: String?

    @Option(help: "Write HOST:PORT here once listening.")
    var addressFile: String?

    func run() throws {
        let coordinator = try ClusterCoordinator(
            configuration: .init(host: host, bindHost: bindHost, port: port, heartbeatIntervalMillis: heartbeatMs,
                                 workerTimeoutMillis: workerTimeoutMs, workDirectory: dir ?? ExecutionConfig().workDirectory),
            catalog: ClusterCommandJobs.catalog)
        let addressFile = self.addressFile
        try BlockingBridge.run {
            try await coordinator.start()
            try ServerAnnouncement.announce(role: "coordinator", address: coordinator.address, addressFile: addressFile)
            await coordinator.waitUntilStopped()
        }
    }
}
