import ArgumentParser
import SluiceCore

/// `sluice cluster stop`: stops every process of the pseudo cluster (SIGTERM, then SIGKILL).
struct ClusterStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop the pseudo cluster's processes (its data stays in its folder).")

    @Option(help: "The cluster's folder (default: the running cluster).")
    var dir: String?

    func run() throws {
        let state = try PseudoClusterState.load(directory: dir)
        for member in state.members.reversed() {
            ProcessControl.terminate(member.processID)
        }
        PseudoClusterState.removePointer()
        let output = StandardOutput()
        output.write("stopped \(state.members.count) processes of the cluster in \(state.directory)\n")
        output.flush()
    }
}
