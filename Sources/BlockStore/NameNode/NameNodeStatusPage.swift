import Cluster
import SluiceCore

/// The namenode's web page: overview (safemode, blocks, capacity), datanodes with their state,
/// MTBF and MTTR, and a browser of the namespace.
struct NameNodeStatusPage {
    let nameNode: NameNode

    func render(showing browsedPath: String?) -> String {
        let report = nameNode.clusterReport()
        var html = """
            <!doctype html><html><head><meta charset="utf-8"><title>Sluice namenode \(escape(report.namenodeAddress))</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style>
            </head><body><h1>Sluice namenode \(escape(report.namenodeAddress))</h1>
            <p><a href="/">Overview</a> · <a href="/explorer?path=/">Browse the file system</a> · <a href="/metrics">Metrics</a></p>
            """
        if let browsedPath {
            html += browse(browsedPath)
        } else {
            html += overview(report)
        }
        html += "</body></html>\n"
        return html
    }

    private func overview(_ report: AdminProtocol.ClusterReport) -> String {
        let capacity = report.datanodes.reduce(Int64(0)) { $0 + $1.capacityBytes }
        let used = report.datanodes.reduce(Int64(0)) { $0 + $1.usedBytes }
        var html = "<h2>Overview</h2><table>"
        html += row("Safemode", report.isInSafeMode ? "ON (\(report.safeMode.reportedBlocks) of \(report.safeMode.totalBlocks) blocks reported)" : "off")
        html += row("Last transaction", String(report.lastTransactionID))
        html += row("Blocks", String(report.blocks.totalBlocks))
        html += row("Under-replicated blocks", String(report.blocks.underReplicated))
        html += row("Missing blocks", String(report.blocks.missing))
        html += row("Corrupt replicas", String(report.blocks.corruptReplicas))
        html += row("Capacity", "\(ByteCountText.format(used)) used of \(ByteCountText.format(capacity))")
        html += row("Cluster MTBF", report.availability.meanTimeBetweenFailuresMillis.map { DurationText.format(millis: $0) } ?? "no failure yet")
        html += row("Cluster MTTR", report.availability.meanTimeToRecoveryMillis.map { DurationText.format(millis: $0) } ?? "no recovery yet")
        html += "</table><h2>Datanodes</h2><table><tr><th>Address</th><th>Rack</th><th>State</th><th>Last heartbeat</th><th>Used</th><th>Capacity</th><th>Blocks</th><th>Failures</th><th>MTBF</th><th>MTTR</th></tr>"
        for node in report.datanodes {
            html += "<tr><td>\(escape(node.address))</td><td>\(escape(node.rack))</td><td>\(node.state.rawValue)</td>"
            html += "<td>\(DurationText.format(millis: Double(node.lastHeartbeatAgeMillis))) ago</td>"
            html += "<td>\(ByteCountText.format(node.usedBytes))</td><td>\(ByteCountText.format(node.capacityBytes))</td>"
            html += "<td>\(node.blockCount)</td><td>\(node.failureCount)</td>"
            html += "<td>\(node.meanTimeBetweenFailuresMillis.map { DurationText.format(millis: $0) } ?? "–")</td>"
            html += "<td>\(node.meanTimeToRecoveryMillis.map { DurationText.format(millis: $0) } ?? "–")</td></tr>"
        }
        return html + "</table>"
    }

    private func browse(_ path: String) -> String {
        var html = "<h2>\(escape(path))</h2>"
        do {
            let entries = try nameNode.namespace.list(path, user: nameNode.configuration.superuser)
            html += "<table><tr><th>Permission</th><th>Owner</th><th>Group</th><th>Size</th><th>Replication</th><th>Block size</th><th>Name</th></tr>"
            for entry in entries {
                let childPath = entry.pathSuffix.isEmpty ? path : (path == "/" ? "/" : path + "/") + entry.pathSuffix
                let name = entry.pathSuffix.isEmpty ? path : entry.pathSuffix
                let link = entry.isDirectory
                    ? "<a href=\"/explorer?path=\(HTTPText.percentEncodeQueryValue(childPath))\">\(escape(name))/</a>"
                    : escape(name)
                html += "<tr><td>\(entry.modeText)</td><td>\(escape(entry.owner))</td><td>\(escape(entry.group))</td>"
                html += "<td>\(entry.isDirectory ? "" : ByteCountText.format(entry.lengthBytes))</td>"
                html += "<td>\(entry.isDirectory ? "" : String(entry.replication))</td>"
                html += "<td>\(entry.isDirectory ? "" : ByteCountText.format(entry.blockSizeBytes))</td><td>\(link)</td></tr>"
            }
            html += "</table>"
        } catch {
            html += "<p>\(escape("\(error)"))</p>"
        }
        return html
    }

    private func row(_ name: String, _ value: String) -> String {
        "<tr><th>\(escape(name))</th><td>\(escape(value))</td></tr>"
    }

    private func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
