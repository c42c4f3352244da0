import ArgumentParser
import Cluster
import Dataflow
import SluiceCore

/// `sluice worker`: runs a cluster worker in the foreground.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run a cluster worker: runs job tasks and serves their shuffle output.",
        discussion: """
            The worker registers with the coordinator and heartbeats. It runs a task by running \
            the job's code (compiled into this binary) up to that task's stage, so it must be the \
            same binary as the coordinator's. Shuffle and spill files go under --dir.
            """
    )

    @Option(help: "The coordinator's HOST:PORT.")
    var coordinator: String

    @Option(help: "Tasks run at once (default: the processor count).")
    var slots: Int = Master.processorCount

    @Option(help: "Folder for shuffle and spill files (default: a temporary folder).")
    var dir: String?

    @Option(help: "The HTTP port (0 picks a free one).")
    var port: Int = 0

    @Option(help: "The address the coordinator and other workers reach this worker at; matched against block locations.")
    var host: String = "127.0.0.1"

    @Option(help: "The address to listen on.")
    var bindHost: String?

    @Option(help: "Heartbeat interval in milliseconds (default: what the coordinator says).")
    var heartbeatMs: Int?

    @Option(help: "Write HOST:PORT here once registered.")
    var addressFile: String?

    func run() throws {
        let worker = try ClusterWorker(
            configuration: .init(coordinatorAddress: coordinator, host: host, bindHost: bindHost, port: port, slotCount: slots,
                                 workDirectory: dir ?? ExecutionConfig().workDirectory, heartbeatIntervalMillis: heartbeatMs),
            catalog: ClusterCommandJobs.catalog)
        let addressFile = self.addressFile
        try BlockingBridge.run {
            try await worker.start()
            try ServerAnnouncement.announce(role: "worker", address: worker.address, addressFile: addressFile)
            await worker.waitUntilStopped()
        }
    }
}
