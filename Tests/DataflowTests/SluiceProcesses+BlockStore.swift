import Foundation
import SluiceCore

extension SluiceProcesses {
    /// Starts a `sluice namenode` and `dataNodeCount` datanodes with short intervals (200 ms
    /// heartbeats, no safemode extension) and waits until the namenode counts them all live. No
    /// test here stops a datanode, so a node is declared dead only after 30 s: on a loaded machine
    /// a heartbeat can be seconds late. Datanode `index` listens on `127.0.0.<index + 1>`, so a worker started with that
    /// `--host` is on the same host as that datanode's block replicas.
    ///
    /// - Returns: the namenode's `HOST:PORT`.
    func startBlockStore(dataNodeCount: Int, blockSizeBytes: Int, replication: Int) async throws -> String {
        let nameNode = try await launch("namenode", [
            "namenode", "--dir", "\(root)/name", "--port", "0", "--block-size", String(blockSizeBytes), "--replication", String(replication),
            "--heartbeat-ms", "200", "--stale-after-ms", "15000", "--dead-after-ms", "30000", "--safemode-extension-ms", "0",
        ])
        for index in 0..<dataNodeCount {
            let host = Self.dataNodeHost(index)
            _ = try await launch("datanode\(index)", [
                "datanode", "--dir", "\(root)/data\(index)", "--namenode", nameNode, "--port", "0", "--host", host, "--bind-host", host,
                "--heartbeat-ms", "200",
            ])
        }
        let deadline = Date().addingTimeInterval(30)
        while true {
            let report = try runToEnd(["dfs", "--namenode", nameNode, "report"])
            if report.status == 0, report.output.contains("Live datanodes (\(dataNodeCount))"), !report.output.contains("SAFEMODE") {
                return nameNode
            }
            guard Date() < deadline else {
                throw SluiceError.internal("the block store did not get \(dataNodeCount) live datanodes:\n\(report.output)\n\(tail(of: "namenode"))")
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
    }

    /// The loopback address datanode `index` (and the worker beside it) listens on.
    static func dataNodeHost(_ index: Int) -> String { "127.0.0.\(index + 1)" }

    /// Runs `sluice dfs --namenode NAMENODE ARGUMENTS` and returns its output.
    /// - Throws: when it exits with a failure.
    func dfs(_ nameNode: String, _ arguments: [String]) throws -> String {
        let run = try runToEnd(["dfs", "--namenode", nameNode] + arguments)
        guard run.status == 0 else { throw SluiceError.internal("sluice dfs \(arguments.joined(separator: " ")) failed:\n\(run.output)") }
        return run.output
    }

    /// Each `part-*` file's lines under the block store folder `path`, sorted.
    func dfsPartFiles(_ nameNode: String, in path: String) throws -> [String: [String]] {
        var parts: [String: [String]] = [:]
        for line in try dfs(nameNode, ["-ls", path]).split(separator: "\n") {
            guard let name = line.split(separator: "/").last, name.hasPrefix("part-") else { continue }
            parts[String(name)] = try dfs(nameNode, ["-cat", "\(path)/\(name)"]).split(separator: "\n").map(String.init).sorted()
        }
        return parts
    }
}
