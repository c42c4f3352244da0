import BlockStore
import SluiceCore

/// How `sluice dfs fsck` and `sluice dfs report` print the namenode's answers.
enum DFSReportText {
    static func fsck(_ report: AdminProtocol.FsckReport) -> String {
        var text = ""
        for file in report.files {
            text += "\(file.path) \(file.lengthBytes) bytes, \(file.blocks.count) block(s)\(file.isUnderConstruction ? ", OPENFORWRITE" : ""):\n"
            for (index, block) in file.blocks.enumerated() {
                var flags: [String] = []
                if block.liveAddresses.isEmpty { flags.append("MISSING") }
                else if block.liveAddresses.count < block.expectedReplication { flags.append("Under replicated (\(block.liveAddresses.count) of \(block.expectedReplication))") }
                if !block.corruptAddresses.isEmpty { flags.append("CORRUPT on \(block.corruptAddresses.joined(separator: ", "))") }
                text += "  \(index). \(block.block) len=\(block.block.lengthBytes) repl=\(block.liveAddresses.count) [\(block.liveAddresses.joined(separator: ", "))]"
                text += flags.isEmpty ? "\n" : " " + flags.joined(separator: "; ") + "\n"
            }
        }
        text += "\nStatus: \(report.isHealthy ? "HEALTHY" : "CORRUPT")\n"
        text += " Total files:\t\(report.files.count)\n Total blocks:\t\(report.totalBlocks)\n"
        text += " Missing blocks:\t\(report.missingBlocks)\n Corrupt replicas:\t\(report.corruptReplicas)\n"
        text += " Under-replicated blocks:\t\(report.underReplicatedBlocks)\n"
        text += "The filesystem under path '\(report.path)' is \(report.isHealthy ? "HEALTHY" : "CORRUPT")\n"
        return text
    }

    static func cluster(_ report: AdminProtocol.ClusterReport) -> String {
        let capacity = report.datanodes.reduce(Int64(0)) { $0 + $1.capacityBytes }
        let used = report.datanodes.reduce(Int64(0)) { $0 + $1.usedBytes }
        let remaining = report.datanodes.reduce(Int64(0)) { $0 + $1.remainingBytes }
        let byState = Dictionary(grouping: report.datanodes, by: \.state)
        var text = "Namenode: \(report.namenodeAddress)\(report.isInSafeMode ? "  (SAFEMODE: \(report.safeMode.reportedBlocks) of \(report.safeMode.totalBlocks) blocks reported)" : "")\n"
        text += "Configured Capacity: \(capacity) (\(ByteCountText.format(capacity)))\n"
        text += "DFS Used: \(used) (\(ByteCountText.format(used)))\n"
        text += "DFS Remaining: \(remaining) (\(ByteCountText.format(remaining)))\n"
        text += "Blocks: \(report.blocks.totalBlocks)\n"
        text += "Under replicated blocks: \(report.blocks.underReplicated)\n"
        text += "Missing blocks: \(report.blocks.missing)\n"
        text += "Corrupt replicas: \(report.blocks.corruptReplicas)\n"
        text += "Pending replications: \(report.blocks.pendingReplications)\n"
        text += "Mean time between failures: \(meanText(report.availability.meanTimeBetweenFailuresMillis, none: "no failure yet"))\n"
        text += "Mean time to repair: \(meanText(report.availability.meanTimeToRecoveryMillis, none: "no repair yet"))\n"
        text += "\nLive datanodes (\(byState[.live]?.count ?? 0)), stale (\(byState[.stale]?.count ?? 0)), dead (\(byState[.dead]?.count ?? 0)):\n"
        for node in report.datanodes.sorted(by: { $0.address < $1.address }) {
            text += "\nName: \(node.address) (\(node.info.datanodeUUID))\n"
            text += "Rack: \(node.rack)\nState: \(node.state.rawValue)\n"
            text += "DFS Used: \(node.usedBytes) (\(ByteCountText.format(node.usedBytes)))\n"
            text += "Capacity: \(node.capacityBytes) (\(ByteCountText.format(node.capacityBytes)))\n"
            text += "Blocks: \(node.blockCount)\n"
            text += "Last contact: \(DurationText.format(millis: Double(node.lastHeartbeatAgeMillis))) ago\n"
            text += "Failures: \(node.failureCount), recoveries: \(node.recoveryCount)\n"
            text += "MTBF: \(meanText(node.meanTimeBetweenFailuresMillis, none: "-")), MTTR: \(meanText(node.meanTimeToRecoveryMillis, none: "-"))\n"
        }
        return text
    }

    private static func meanText(_ millis: Double?, none: String) -> String {
        millis.map { DurationText.format(millis: $0) } ?? none
    }
}
