import ArgumentParser
import BlockStore
import Cluster
import Dataflow
import SluiceCore
import Streaming

/// `sluice cluster status`: which processes of the pseudo cluster run, and the namenode's view.
struct ClusterStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the pseudo cluster's processes, datanodes and job workers.")

    @Option(help: "The cluster's folder (default: the running cluster).")
    var dir: String?

    func run() throws {
        let state = try PseudoClusterState.load(directory: dir)
        let output = StandardOutput()
        output.write("cluster in \(state.directory)\n")
        for member in state.members {
            let alive = ProcessControl.isAlive(member.processID) ? "running" : "stopped"
            output.write("\(member.role.padding(toLength: 11, withPad: " ", startingAt: 0)) \(member.address.padding(toLength: 22, withPad: " ", startingAt: 0)) pid \(member.processID) \(alive)\n")
        }
        let client = DFSClient(namenodeAddress: state.namenodeAddress)
        if let report = try? BlockStoreFileSystem.blocking({ try await client.clusterReport() }) {
            let live = report.datanodes.filter { $0.state == .live }.count
            output.write("namenode: \(live) live of \(report.datanodes.count) datanodes, \(report.blocks.totalBlocks) blocks, safemode \(report.isInSafeMode ? "ON" : "off")\n")
        } else {
            output.write("namenode: not answering at \(state.namenodeAddress)\n")
        }
        if let coordinator = state.coordinatorAddress {
            let client = JSONRPCClient(address: coordinator, timeoutSeconds: 5)
            if let answer = try? BlockingBridge.run({
                try await client.call(CoordinatorProtocol.Method.listWorkers, CoordinatorProtocol.ListWorkersRequest(),
                                      as: CoordinatorProtocol.ListWorkersAnswer.self)
            }) {
                let slots = answer.workers.reduce(0) { $0 + $1.slotCount }
                let busy = answer.workers.reduce(0) { $0 + $1.runningTaskCount }
                let preferring = answer.workers.reduce(0) { $0 + ($1.startedPreferringTaskCount ?? 0) }
                let dataLocal = answer.workers.reduce(0) { $0 + ($1.startedDataLocalTaskCount ?? 0) }
                output.write("coordinator: sluice://\(coordinator)  \(answer.workers.count) workers, \(busy) of \(slots) task slots busy")
                output.write(preferring > 0 ? ", \(dataLocal) of \(preferring) input tasks ran on a host of their block\n" : "\n")
            } else {
                output.write("coordinator: sluice://\(coordinator)  not answering\n")
            }
            output.write("submit:   sluice submit JOB --master sluice://\(coordinator) ...\n")
        }
        if let broker = state.brokerAddress {
            if let topics = try? BrokerClient(address: broker, retryPolicy: RetryPolicy(attemptCountMax: 1), timeoutSeconds: 5).topicNames() {
                output.write("broker:   \(broker)  \(topics.count) topics  (sluice topic list --broker \(broker))\n")
            } else {
                output.write("broker:   \(broker)  not answering\n")
            }
        }
        output.flush()
    }
}
