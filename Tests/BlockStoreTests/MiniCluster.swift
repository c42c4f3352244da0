import BlockStore
import Foundation
import SluiceCore

/// A namenode and datanodes in this process on free loopback ports, on temporary folders, with
/// short intervals: for tests of the whole write and read path without separate processes.
///
/// Heartbeats come every 200 ms, but a node is declared dead only after `deadAfterMillis`
/// (30 s unless a test of node loss asks for less): on a loaded machine a heartbeat can be seconds
/// late, and a test that does not stop a node must not see its nodes die.
final class MiniCluster: @unchecked Sendable {
    let root: String
    let nameNode: NameNode
    private(set) var dataNodes: [DataNode] = []

    static func start(
        datanodes count: Int, blockSizeBytes: Int64 = 64 * 1024, replication: Int = 3, deadAfterMillis: Int64 = 30_000
    ) async throws -> MiniCluster {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-mini-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var defaults = NamespaceDefaults()
        defaults.blockSizeBytes = blockSizeBytes
        defaults.replication = replication
        let configuration = NameNodeConfiguration(
            directory: root + "/name", port: 0, superuser: "sluice", namespaceDefaults: defaults, heartbeatIntervalMillis: 200,
            staleAfterMillis: deadAfterMillis / 2, deadAfterMillis: deadAfterMillis, replicationMonitorIntervalMillis: 200,
            leaseMonitorIntervalMillis: 200, safeModeExtensionMillis: 0)
        let nameNode = try NameNode(configuration: configuration)
        try await nameNode.start()
        let cluster = MiniCluster(root: root, nameNode: nameNode)
        for index in 0..<count {
            try await cluster.addDataNode(index: index)
        }
        try await cluster.waitUntil { nameNode.datanodes.liveNodes().count == count }
        return cluster
    }

    private init(root: String, nameNode: NameNode) {
        self.root = root
        self.nameNode = nameNode
    }

    func addDataNode(index: Int) async throws {
        let configuration = DataNodeConfiguration(
            dataDirectories: [root + "/data\(index)"], namenodeAddress: nameNode.address, heartbeatIntervalMillis: 200,
            scanIntervalMillis: nil)
        let dataNode = try DataNode(configuration: configuration)
        try await dataNode.start()
        dataNodes.append(dataNode)
    }

    func client(user: String = "sluice") -> DFSClient {
        DFSClient(namenodeAddress: nameNode.address, user: user)
    }

    /// Polls `condition` every 50 ms for up to `timeoutSeconds`.
    func waitUntil(timeoutSeconds: Double = 20, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while !condition() {
            guard Date() < deadline else { throw SluiceError.internal("condition not met within \(timeoutSeconds) s") }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
    }

    func stop() async {
        for dataNode in dataNodes { await dataNode.stop() }
        await nameNode.stop()
        try? FileManager.default.removeItem(atPath: root)
    }
}
