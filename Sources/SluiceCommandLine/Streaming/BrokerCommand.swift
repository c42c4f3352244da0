import ArgumentParser
import Cluster
import SluiceCore
import Streaming

/// `sluice broker`: serves the topics in a folder over HTTP in the foreground.
struct BrokerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run a stream log broker: topics in a folder, produce and fetch over HTTP.",
        discussion: """
            Serves the REST API of docs/broker-api.md at http://HOST:PORT/ (Prometheus metrics at \
            /metrics). A produce is answered once its records are durable. Retention runs every \
            --retention-interval-ms. Stops on SIGTERM or SIGINT.
            """
    )

    @Option(help: "The folder holding the topics.")
    var dir: String

    @Option(help: "The address clients reach this broker at.")
    var host: String = "127.0.0.1"

    @Option(help: "The HTTP port (0 picks a free one).")
    var port: Int = 9092

    @Option(help: "The address to listen on (default: --host).")
    var bindHost: String?

    @Option(help: "Request bodies larger than this many bytes are refused (413).")
    var requestBytesMax: Int = BrokerLimits().requestBytesMax

    @Option(help: "Requests handled at once before more are refused (503).")
    var inFlightRequestsMax: Int = BrokerLimits().inFlightRequestsMax

    @Option(help: "Requests per second of each client (named by its Sluice-Client-Id header) before more are refused (429); default no limit.")
    var requestsPerSecondMax: Int?

    @Option(help: "Produced bytes per second of each client before more are refused (429); default no limit.")
    var producedBytesPerSecondMax: Int?

    @Option(help: "How often retention runs, in milliseconds.")
    var retentionIntervalMs: Int = 60_000

    @Option(help: "Write HOST:PORT here once listening (for scripts and the pseudo cluster).")
    var addressFile: String?

    @Option(help: ArgumentHelp(
        "Move closed segments to this folder (e.g. dfs://HOST:PORT/topics) when retention runs; they stay readable.",
        valueName: "location"))
    var tier: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard requestBytesMax > 0, inFlightRequestsMax > 0, retentionIntervalMs > 0 else {
            throw ValidationError("--request-bytes-max, --in-flight-requests-max and --retention-interval-ms must be positive")
        }
        if let limit = requestsPerSecondMax, limit <= 0 { throw ValidationError("--requests-per-second-max must be positive") }
        if let limit = producedBytesPerSecondMax, limit <= 0 { throw ValidationError("--produced-bytes-per-second-max must be positive") }
    }

    var brokerConfiguration: BrokerConfiguration {
        BrokerConfiguration(
            host: host, port: port, bindHost: bindHost,
            limits: BrokerLimits(
                requestBytesMax: requestBytesMax, inFlightRequestsMax: inFlightRequestsMax,
                producedBytesPerSecondMax: producedBytesPerSecondMax, requestsPerSecondMax: requestsPerSecondMax),
            maintenanceIntervalMillis: retentionIntervalMs)
    }

    func run() throws {
        let tierLocation = try tier.map { location -> LogTier in
            let (fileSystem, path) = try FileSystemRegistry.shared.resolve(location)
            return LogTier(fileSystem: fileSystem, directory: path)
        }
        let store = try makeTopicStore(directory: dir, tier: tierLocation)
        let server = BrokerServer(log: store, configuration: brokerConfiguration, maintenance: topicStoreMaintenance(store))
        let addressFile = self.addressFile
        try BlockingBridge.run {
            try await server.start()
            try ServerAnnouncement.announce(role: "broker", address: server.address, addressFile: addressFile)
            await server.waitUntilStopped()
        }
    }
}
