import Foundation
import Testing

/// A job on a pseudo cluster as a user runs one: `sluice cluster start` (namenode, datanodes, a
/// job coordinator and workers), `sluice dfs -put`, `sluice submit` to the coordinator that
/// `sluice cluster status` names, `sluice dfs -cat` of the part files, `sluice cluster stop`.
@Suite(.serialized) struct PseudoClusterJobTests {
    let cli = CLIEndToEndTests()

    @Test func wordCountOverTheBlockStoreRunsOnThePseudoClusterInBothModes() throws {
        let directory = try ScratchDirectory()
        let environment = ["HOME": directory.path + "/home", "SLUICE_HOME": directory.path + "/sluice-home", "SLUICE_USER": "alice"]
        let sluice = { (arguments: [String]) throws -> CLIEndToEndTests.Run in try cli.sluice(arguments, in: directory, environment: environment) }
        let clusterDirectory = directory.path + "/cluster"
        let start = try sluice(["cluster", "start", "--dir", clusterDirectory, "--port", "0", "--coordinator-port", "0", "--datanodes", "2",
                                "--block-size", "65536", "--heartbeat-ms", "300"])
        defer {
            let stop = try? sluice(["cluster", "stop", "--dir", clusterDirectory])
            #expect(stop?.status == 0, "\(stop?.standardError ?? "")")
        }
        #expect(start.status == 0, "\(start.standardError)")
        let namenode = try String(contentsOfFile: clusterDirectory + "/namenode.address", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let status = try sluice(["cluster", "status", "--dir", clusterDirectory])
        let master = try #require(Self.coordinatorMaster(in: status.standardOutput), "no sluice:// address in:\n\(status.standardOutput)")
        #expect(status.standardOutput.contains("2 workers"), "\(status.standardOutput)")

        let (input, expected) = try JobCommandTests.wordFile(in: directory)
        let put = try sluice(["dfs", "-put", input, "/words.txt"])
        #expect(put.status == 0, "\(put.standardError)")

        for mode in ["dataflow", "mapreduce"] {
            let output = "/counts-\(mode)"
            let run = try sluice(["submit", "wordcount", "--master", master, "--mode", mode, "--input", "dfs://\(namenode)/words.txt",
                                  "--output", "dfs://\(namenode)\(output)", "--partitions", "3"])
            #expect(run.status == 0, "\(mode): \(run.standardError)")
            #expect(run.standardOutput.contains("wordcount succeeded"), "\(mode): \(run.standardOutput)")
            #expect(try Self.savedCounts(in: output, sluice: sluice) == expected, "\(mode)")
        }
        let after = try sluice(["cluster", "status", "--dir", clusterDirectory])
        #expect(after.standardOutput.contains("input tasks ran on a host of their block"), "\(after.standardOutput)")
    }

    /// The `sluice://HOST:PORT` that `cluster status` prints for the coordinator.
    static func coordinatorMaster(in statusText: String) -> String? {
        for line in statusText.split(separator: "\n") where line.hasPrefix("coordinator:") {
            return line.split(separator: " ").first { $0.hasPrefix("sluice://") }.map(String.init)
        }
        return nil
    }

    /// The `word<TAB>count` lines of every part file under the block store folder `folder`.
    static func savedCounts(in folder: String, sluice: ([String]) throws -> CLIEndToEndTests.Run) throws -> [String: Int] {
        let listing = try sluice(["dfs", "-ls", folder])
        let parts = listing.standardOutput.split(separator: "\n").compactMap { $0.split(separator: "/").last }.filter { $0.hasPrefix("part-") }
        #expect(parts.count == 3, "\(listing.standardOutput)")
        var counts: [String: Int] = [:]
        for part in parts {
            let cat = try sluice(["dfs", "-cat", "\(folder)/\(part)"])
            #expect(cat.status == 0, "\(cat.standardError)")
            JobCommandTests.addCounts(in: cat.standardOutput, part: String(part), to: &counts)
        }
        return counts
    }
}
