import ArgumentParser
import BlockStore
import Cluster
import SluiceCore

/// `sluice namenode`: runs the block store's namenode in the foreground.
struct NameNodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "namenode",
        abstract: "Run the block store's namenode (namespace, edit log, block map, WebHDFS).",
        discussion: """
            The namespace lives in --dir: an edit log fsynced before each change is acknowledged, \
            and checkpoint images. WebHDFS is served at http://HOST:PORT/webhdfs/v1/, a status \
            page at /, Prometheus metrics at /metrics. Stops on SIGTERM or SIGINT.
            """
    )

    @Option(help: "The folder holding the edit log and namespace images.")
    var dir: String

    @Option(help: "The HTTP port (0 picks a free one).")
    var port: Int = 9870

    @Option(help: "The address clients and datanodes reach this namenode at.")
    var host: String = "127.0.0.1"

    @Option(help: "The address to listen on.")
    var bindHost: String = "127.0.0.1"

    @Option(help: "Default block size of new files, in bytes (HDFS: 134217728).")
    var blockSize: Int64 = 134_217_728

    @Option(help: "Default replication of new files.")
    var replication: Int = 3

    @Option(help: "The user allowed everything (default: the user running the namenode).")
    var superuser: String?

    @Option(help: "Datanode heartbeat interval in milliseconds.")
    var heartbeatMs: Int64 = 3000

    @Option(help: "Milliseconds without a heartbeat before a datanode is stale.")
    var staleAfterMs: Int64 = 30_000

    @Option(help: "Milliseconds without a heartbeat before a datanode is dead (HDFS: 630000).")
    var deadAfterMs: Int64 = 630_000

    @Option(help: "How often under- and over-replicated blocks are looked for, in milliseconds.")
    var replicationIntervalMs: Int = 3000

    @Option(help: "Milliseconds after which a writer's lease expires and its file is closed.")
    var leaseHardLimitMs: Int64 = 1_200_000

    @Option(help: "Safemode ends once this fraction of complete blocks has a reported replica (HDFS: 0.999).")
    var safemodeThreshold: Double = 0.999

    @Option(help: "Safemode lasts this long after enough blocks are reported, in milliseconds.")
    var safemodeExtensionMs: Int64 = 30_000

    @Option(help: "A file of 'HOST[:PORT] /rack' lines mapping datanodes to racks.")
    var topology: String?

    @Option(help: "Write HOST:PORT here once listening (for scripts and the pseudo cluster).")
    var addressFile: String?

    func run() throws {
        var defaults = NamespaceDefaults()
        defaults.blockSizeBytes = blockSize
        defaults.replication = replication
        defaults.leaseHardLimitMillis = leaseHardLimitMs
        let configuration = NameNodeConfiguration(
            directory: dir, host: host, port: port, bindHost: bindHost, superuser: superuser ?? BlockStoreUser.current(),
            namespaceDefaults: defaults, heartbeatIntervalMillis: heartbeatMs, staleAfterMillis: staleAfterMs,
            deadAfterMillis: deadAfterMs, replicationMonitorIntervalMillis: replicationIntervalMs,
            safeModeThresholdFraction: safemodeThreshold, safeModeExtensionMillis: safemodeExtensionMs, topology: try topology.map(TopologyFile.read) ?? [:])
        let nameNode = try NameNode(configuration: configuration)
        let addressFile = self.addressFile
        try BlockingBridge.run {
            try await nameNode.start()
            try ServerAnnouncement.announce(role: "namenode", address: nameNode.address, addressFile: addressFile)
            await nameNode.waitUntilStopped()
        }
    }
}
