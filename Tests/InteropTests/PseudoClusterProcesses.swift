import BlockStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A block store cluster of real `sluice` processes (a namenode and datanodes, started by
/// `sluice cluster start` in a folder of its own) for tests that talk to it over the network like
/// an outside client would.
///
/// The children get a private `HOME`, so the cluster pointer `sluice cluster start` leaves in
/// `~/.sluice` never touches the user's own. `with` stops the processes when the body returns or
/// throws.
///
/// Thread-safety: immutable; `with` blocks the calling thread while the cluster starts and stops.
struct PseudoClusterProcesses: Sendable {
    static let blockSizeBytes = 1 << 20
    static let heartbeatMilliseconds = 300
    /// How long to wait for the namenode to leave safemode after start.
    static let safeModeWaitSecondsMax: Double = 30

    let sluice: String
    let directory: String
    let environment: [String: String]
    /// `HOST:PORT` of the namenode's HTTP server (WebHDFS and RPC).
    let namenodeAddress: String

    var webHDFSBaseURL: String { "http://\(namenodeAddress)" }

    /// Starts a cluster in `folder` (namenode + `datanodeCount` datanodes, 1 MiB blocks), waits
    /// until it accepts writes, runs `body`, then stops every process — also when `body` throws.
    /// - Throws: `InteropFailure` with the CLI's output when the cluster does not start or stop.
    static func with<T>(in folder: String, datanodeCount: Int = 3, _ body: (PseudoClusterProcesses) throws -> T) throws -> T {
        let sluice = try CLIInteropTests.sluiceExecutable()
        let directory = folder + "/cluster"
        let home = folder + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let environment = ["HOME": home]
        let start = [
            sluice, "cluster", "start", "--dir", directory, "--port", "0", "--datanodes", String(datanodeCount),
            "--block-size", String(blockSizeBytes), "--heartbeat-ms", String(heartbeatMilliseconds),
            // Nothing to wait for on an empty namespace.
            "--namenode-option=--safemode-extension-ms=0",
        ]
        let cluster: PseudoClusterProcesses
        do {
            _ = try CommandRunner.runChecked(start, environment: environment)
            let address = try String(contentsOfFile: directory + "/namenode.address", encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            cluster = PseudoClusterProcesses(sluice: sluice, directory: directory, environment: environment, namenodeAddress: address)
            try cluster.waitUntilWritable()
        } catch {
            // A half-started cluster may have left processes behind.
            _ = try? CommandRunner.run([sluice, "cluster", "stop", "--dir", directory], environment: environment)
            throw InteropFailure("the pseudo cluster did not start: \(error)\n" + logTails(directory))
        }
        let result: T
        do {
            result = try body(cluster)
        } catch {
            _ = try? cluster.stop()
            throw InteropFailure("\(error)\n" + logTails(directory))
        }
        try cluster.stop()
        return result
    }

    /// Stops every process of the cluster.
    func stop() throws {
        try CommandRunner.runChecked([sluice, "cluster", "stop", "--dir", directory], environment: environment)
    }

    /// Polls the namenode until it has left safemode (processes start asynchronously, so there is
    /// no event to wait on).
    private func waitUntilWritable() throws {
        let client = DFSClient(namenodeAddress: namenodeAddress)
        let deadline = Date().addingTimeInterval(Self.safeModeWaitSecondsMax)
        var lastProblem = "no answer"
        while Date() < deadline {
            do {
                let report = try BlockStoreFileSystem.blocking { try await client.clusterReport() }
                if !report.isInSafeMode { return }
                lastProblem = "still in safemode"
            } catch {
                lastProblem = "\(error)"
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw InteropFailure("the namenode at \(namenodeAddress) did not become writable: \(lastProblem)")
    }

    /// The last lines of every process log, for failure messages.
    private static func logTails(_ directory: String) -> String {
        let logs = directory + "/logs"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: logs))?.sorted() ?? []
        return names.map { name in
            let text = (try? String(contentsOfFile: logs + "/" + name, encoding: .utf8)) ?? ""
            return "--- \(name) ---\n" + text.split(separator: "\n", omittingEmptySubsequences: false).suffix(15).joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
