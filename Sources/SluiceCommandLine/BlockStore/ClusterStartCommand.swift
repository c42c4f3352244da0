import ArgumentParser
import BlockStore
import Foundation
import SluiceCore

/// `sluice cluster start`: launches a namenode and N datanodes as background processes of this
/// binary, waits until every datanode has registered, then a job coordinator and workers next to
/// the datanodes, a stream log broker, and prints the addresses.
struct ClusterStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a namenode, datanodes, a job coordinator, workers and a broker as separate processes on this machine.",
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

    @Option(help: "How many job workers (default: one per datanode).")
    var workers: Int?

    @Option(help: "The job coordinator's HTTP port (0 picks a free one; default 7077, or a free one when --port is 0).")
    var coordinatorPort: Int?

    @Option(help: "Task slots per worker.")
    var workerSlots: Int = 2

    @Option(help: "The stream log broker's HTTP port (0 picks a free one; default 9092, or a free one when --port is 0).")
    var brokerPort: Int?

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
        var state = PseudoClusterState(directory: directory, namenodeAddress: nameNodeAddress, members: members)
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
        try startJobProcesses(into: &state, logs: logs)
        startBroker(into: &state, logs: logs)
        let output = StandardOutput()
        output.write("namenode  \(nameNodeAddress)  (web: http://\(nameNodeAddress)/, WebHDFS: http://\(nameNodeAddress)/webhdfs/v1/)\n")
        for member in members where member.role == "datanode" {
            output.write("datanode  \(member.address)  pid \(member.processID)\n")
        }
        for member in state.members where member.role == "coordinator" || member.role == "worker" {
            output.write("\(member.role.padding(toLength: 11, withPad: " ", startingAt: 0)) \(member.address)  pid \(member.processID)\n")
        }
        if let broker = state.brokerAddress {
            output.write("broker    \(broker)  (topics: sluice topic list --broker \(broker))\n")
        }
        output.write("folder    \(directory)\nuse it:   sluice dfs -ls /   or   dfs://\(nameNodeAddress)/path\n")
        if let coordinator = state.coordinatorAddress {
            output.write("jobs:     sluice submit JOB --master sluice://\(coordinator) ...\n")
        }
        output.flush()
    }

    /// Starts the stream log broker on the cluster folder's `broker` subfolder. A broker that
    /// does not come up is reported and the cluster runs without one: the block store and jobs
    /// do not need it.
    private func startBroker(into state: inout PseudoClusterState, logs: String) {
        let directory = state.directory
        let logFile = logs + "/broker.log"
        // An address left by an earlier run would be taken for this broker's.
        try? FileManager.default.removeItem(atPath: directory + "/broker.address")
        do {
            let processID = try ProcessControl.launch(
                arguments: ["broker", "--dir", directory + "/broker", "--port", String(brokerPort ?? (port == 0 ? 0 : 9092)),
                            "--address-file", directory + "/broker.address"],
                logFile: logFile)
            do {
                let address = try ProcessControl.waitForAddress(directory + "/broker.address", processID: processID, logFile: logFile)
                state.members.append(.init(role: "broker", processID: processID, address: address, directory: directory + "/broker", logFile: logFile))
                state.brokerAddress = address
                try state.save()
            } catch {
                ProcessControl.terminate(processID)
                throw error
            }
        } catch {
            writeStandardError("sluice: the stream log broker did not start, the cluster runs without it: \(error)\n")
        }
    }

    /// Starts the job coordinator and the workers (one per datanode unless told), saving each in
    /// the state as it comes up so `cluster stop` finds it even if a later one fails.
    private func startJobProcesses(into state: inout PseudoClusterState, logs: String) throws {
        let directory = state.directory
        let coordinator = try ProcessControl.launch(
            arguments: ["coordinator", "--port", String(coordinatorPort ?? (port == 0 ? 0 : 7077)), "--dir", directory + "/coordinator",
                        "--address-file", directory + "/coordinator.address"],
            logFile: logs + "/coordinator.log")
        let coordinatorAddress = try ProcessControl.waitForAddress(directory + "/coordinator.address", processID: coordinator,
                                                                   logFile: logs + "/coordinator.log")
        state.members.append(.init(role: "coordinator", processID: coordinator, address: coordinatorAddress,
                                   directory: directory + "/coordinator", logFile: logs + "/coordinator.log"))
        state.coordinatorAddress = coordinatorAddress
        try state.save()
        for index in 1...max(workers ?? datanodes, 1) {
            let name = "worker\(index)"
            let processID = try ProcessControl.launch(
                arguments: ["worker", "--coordinator", coordinatorAddress, "--slots", String(workerSlots), "--dir", directory + "/" + name,
                            "--address-file", directory + "/\(name).address"],
                logFile: logs + "/\(name).log")
            let address = try ProcessControl.waitForAddress(directory + "/\(name).address", processID: processID, logFile: logs + "/\(name).log")
            state.members.append(.init(role: "worker", processID: processID, address: address, directory: directory + "/" + name,
                                       logFile: logs + "/\(name).log"))
            try state.save()
        }
    }
}
