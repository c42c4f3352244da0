import ArgumentParser
import BlockStore
import Foundation
import SluiceCore

/// `sluice cluster start`: launches a namenode and N datanodes as background processes of this
/// binary, waits until every datanode has registered, and prints the addresses.
struct ClusterStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a namenode and datanodes as separate processes on this machine.",
        discussion: "Logs go to DIR/logs. `sluice dfs` and dfs:// paths find this cluster without --namenode."
    )

    @Option(help: "How many datanodes.")
    var datanodes: Int = 3

    @Option(help: "The cluster's folder (default ~/.sluice/cluster).")
    var dir: String?

    @Option(help: "The namenode's HTTP port (0 picks a free one).")
    var port: Int = 9870

    @Option(help: "Default block size in bytes.")
    var blockSize: Int64 = 134_217_728

    @Option(help: "Default replication (at most the number of datanodes makes sense).")
    var replication: Int?

    @Option(help: "Heartbeat interval in milliseconds.")
    var heartbeatMs: Int64 = 3000

    @Option(help: "Milliseconds without a heartbeat before a datanode is dead.")
    var deadAfterMs: Int64 = 630_000

    @Option(help: "An extra namenode option, repeatable (--namenode-option=--lease-hard-limit-ms=5000).")
    var namenodeOption: [String] = []

    func run() throws {
        let directory = dir ?? PseudoClusterState.defaultDirectory()
        if let existing = try? PseudoClusterState.load(directory: directory),
            existing.members.contains(where: { ProcessControl.isAlive($0.processID) })
        {
            throw SluiceError.userInput("a cluster is already running from \(directory) (namenode \(existing.namenodeAddress)); stop it with `sluice cluster stop`")
        }
        let logs = directory + "/logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        var members: [PseudoClusterState.Member] = []
        let staleAfterMs = min(30_000, max(deadAfterMs / 2, heartbeatMs * 2))
        let nameNodeArguments = [
            "namenode", "--dir", directory + "/namenode", "--port", String(port), "--block-size", String(blockSize),
            "--replication", String(replication ?? min(3, max(datanodes, 1))), "--heartbeat-ms", String(heartbeatMs),
            "--stale-after-ms", String(staleAfterMs), "--dead-after-ms", String(deadAfterMs),
            "--safemode-extension-ms", "3000", "--address-file", directory + "/namenode.address",
        ] + namenodeOption
        let nameNode = try ProcessControl.launch(arguments: nameNodeArguments, logFile: logs + "/namenode.log")
        let nameNodeAddress: String
        do {
            nameNodeAddress = try ProcessControl.waitForAddress(directory + "/namenode.address", processID: nameNode, logFile: logs + "/namenode.log")
        } catch {
            ProcessControl.terminate(nameNode)
            throw error
        }
        members.append(.init(role: "namenode", processID: nameNode, address: nameNodeAddress, directory: directory + "/namenode", logFile: logs + "/namenode.log"))
        for index in 1...max(datanodes, 0) {
            let name = "datanode\(index)"
            let arguments = [
                "datanode", "--dir", directory + "/" + name, "--namenode", nameNodeAddress, "--port", "0",
                "--heartbeat-ms", String(heartbeatMs), "--address-file", directory + "/\(name).address",
            ]
            let processID = try ProcessControl.launch(arguments: arguments, logFile: logs + "/\(name).log")
            let address = try ProcessControl.waitForAddress(directory + "/\(name).address", processID: processID, logFile: logs + "/\(name).log")
            members.append(.init(role: "datanode", processID: processID, address: address, directory: directory + "/" + name, logFile: logs + "/\(name).log"))
        }
        let state = PseudoClusterState(directory: directory, namenodeAddress: nameNodeAddress, members: members)
        try state.save()
        let client = DFSClient(namenodeAddress: nameNodeAddress)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let report = try? BlockStoreFileSystem.blocking({ try await client.clusterReport() }),
                report.datanodes.filter({ $0.state == .live }).count >= datanodes
            {
                break
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let output = StandardOutput()
        output.write("namenode  \(nameNodeAddress)  (web: http://\(nameNodeAddress)/, WebHDFS: http://\(nameNodeAddress)/webhdfs/v1/)\n")
        for member in members where member.role == "datanode" {
            output.write("datanode  \(member.address)  pid \(member.processID)\n")
        }
        output.write("folder    \(directory)\nuse it:   sluice dfs -ls /   or   dfs://\(nameNodeAddress)/path\n")
        output.flush()
    }
}
