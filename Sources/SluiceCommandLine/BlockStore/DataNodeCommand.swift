import ArgumentParser
import BlockStore
import Cluster
import SluiceCore

/// `sluice datanode`: runs a block store datanode in the foreground.
struct DataNodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datanode",
        abstract: "Run a block store datanode (replica storage, write pipeline, block scanner).",
        discussion: """
            Replicas and their CRC-32C checksums live in the data folders (--dir, comma-separated \
            for several). The datanode registers with the namenode, heartbeats, reports its \
            replicas and serves block reads, writes and WebHDFS data operations on one HTTP port.
            """
    )

    @Option(help: "Data folder(s), comma-separated.")
    var dir: String

    @Option(help: "The namenode's HOST:PORT.")
    var namenode: String

    @Option(help: "The HTTP port (0 picks a free one).")
    var port: Int = 0

    @Option(help: "The address clients and other datanodes reach this datanode at.")
    var host: String = "127.0.0.1"

    @Option(help: "The address to listen on.")
    var bindHost: String = "127.0.0.1"

    @Option(help: "The rack this datanode is in (the namenode's topology setting wins).")
    var rack: String = DatanodeInfo.defaultRack

    @Option(help: "Heartbeat interval in milliseconds (default: what the namenode says).")
    var heartbeatMs: Int?

    @Option(help: "Full block report interval in milliseconds.")
    var blockReportMs: Int?

    @Option(help: "How often the block scanner verifies every replica, in milliseconds (0 = off).")
    var scanIntervalMs: Int = 3_600_000

    @Flag(help: "fsync each replica when it is complete.")
    var syncReplicas = false

    @Option(help: "Write HOST:PORT here once listening.")
    var addressFile: String?

    func run() throws {
        let configuration = DataNodeConfiguration(
            dataDirectories: dir.split(separator: ",").map(String.init), namenodeAddress: namenode, host: host, port: port,
            bindHost: bindHost, rack: rack, heartbeatIntervalMillis: heartbeatMs, blockReportIntervalMillis: blockReportMs,
            scanIntervalMillis: scanIntervalMs > 0 ? scanIntervalMs : nil, syncReplicas: syncReplicas)
        let dataNode = try DataNode(configuration: configuration)
        let addressFile = self.addressFile
        try BlockingBridge.run {
            try await dataNode.start()
            try ServerAnnouncement.announce(role: "datanode", address: dataNode.address, addressFile: addressFile)
            await dataNode.waitUntilStopped()
        }
    }
}
