import Foundation

/// A pseudo cluster (namenode + datanodes as processes of the `sluice` binary built beside
/// `sluice-bench`) in a folder of the benchmark, started by `sluice cluster start` with a private
/// `HOME` so the cluster pointer in `~/.sluice` is never touched.
///
/// Thread-safety: immutable; `start` and `stop` block the caller.
struct BenchmarkCluster {
    let sluice: String
    let directory: String
    let environment: [String: String]
    /// `HOST:PORT` of the namenode.
    let namenodeAddress: String

    /// The `sluice` executable next to this one (same build configuration).
    static func sluiceExecutable() throws -> String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let path = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("sluice").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Shell.Failure(command: "sluice-bench dfs", status: 1, standardError: "no sluice executable at \(path); build the sluice product too")
        }
        return path
    }

    /// Starts the cluster and waits for every datanode (`sluice cluster start` does) and for the
    /// namenode to leave safemode.
    static func start(in folder: String, datanodeCount: Int, blockSizeBytes: Int) throws -> BenchmarkCluster {
        let sluice = try sluiceExecutable()
        let directory = folder + "/cluster"
        let home = folder + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let environment = ["HOME": home]
        do {
            try ProcessRunner.run(sluice, [
                "cluster", "start", "--dir", directory, "--port", "0", "--datanodes", String(datanodeCount),
                "--block-size", String(blockSizeBytes), "--heartbeat-ms", "300", "--namenode-option=--safemode-extension-ms=0",
            ], environment: environment)
        } catch {
            _ = try? ProcessRunner.run(sluice, ["cluster", "stop", "--dir", directory], environment: environment)
            throw error
        }
        let address = try String(contentsOfFile: directory + "/namenode.address", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return BenchmarkCluster(sluice: sluice, directory: directory, environment: environment, namenodeAddress: address)
    }

    func stop() {
        _ = try? ProcessRunner.run(sluice, ["cluster", "stop", "--dir", directory], environment: environment)
    }

    /// The datanodes' block files (replicas and their checksum files).
    func replicaFiles() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.contains("/current/"), relative.split(separator: "/").last?.hasPrefix("blk_") == true {
                files.append(directory + "/" + relative)
            }
        }
        return files
    }
}
