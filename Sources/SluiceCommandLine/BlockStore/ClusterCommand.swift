import ArgumentParser

/// `sluice cluster ...`: a pseudo-distributed block store on this machine.
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Start, inspect and stop a pseudo-distributed cluster (namenode + datanodes as processes on this machine).",
        subcommands: [ClusterStartCommand.self, ClusterStatusCommand.self, ClusterStopCommand.self]
    )
}
