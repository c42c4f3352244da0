import Foundation
import Testing

/// `sluice cluster` and `sluice dfs` run as a user runs them, against a pseudo cluster of real
/// processes on free ports.
@Suite(.serialized) struct DFSCommandTests {
    let cli = CLIEndToEndTests()

    /// Starts a two-datanode cluster with small blocks, runs `body`, and always stops it.
    func withCluster(_ body: (_ namenode: String, _ run: ([String]) throws -> CLIEndToEndTests.Run, _ directory: ScratchDirectory) throws -> Void) throws {
        let directory = try ScratchDirectory()
        let environment = ["HOME": directory.path + "/home", "SLUICE_USER": "alice"]
        let clusterDirectory = directory.path + "/cluster"
        let start = try cli.sluice(
            ["cluster", "start", "--dir", clusterDirectory, "--port", "0", "--datanodes", "2", "--block-size", "65536", "--heartbeat-ms", "300"],
            in: directory, environment: environment)
        defer { _ = try? cli.sluice(["cluster", "stop", "--dir", clusterDirectory], in: directory, environment: environment) }
        #expect(start.status == 0, "\(start.standardError)")
        let namenode = try String(contentsOfFile: clusterDirectory + "/namenode.address", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(start.standardOutput.contains("namenode  \(namenode)"))
        try body(namenode, { arguments in try cli.sluice(arguments, in: directory, environment: environment) }, directory)
    }

    @Test func theShellVerbsWorkOnAPseudoCluster() throws {
        try withCluster { namenode, sluice, directory in
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let local = directory.path + "/local.bin"
            try Data(bytes).write(to: URL(fileURLWithPath: local))

            let status = try sluice(["cluster", "status", "--dir", directory.path + "/cluster"])
            #expect(status.standardOutput.contains("2 live of 2 datanodes"), "\(status.standardOutput)")
            #expect(try sluice(["dfs", "-mkdir", "-p", "/a/b"]).status == 0)
            let put = try sluice(["dfs", "-put", local, "/a/b/"])
            #expect(put.status == 0, "\(put.standardError)")
            let listing = try sluice(["dfs", "--namenode", namenode, "-ls", "-R", "/a"])
            #expect(listing.standardOutput.contains("-rw-r--r--   2 alice supergroup     200000"), "\(listing.standardOutput)")
            #expect(listing.standardOutput.contains("/a/b/local.bin"))
            let got = directory.path + "/back.bin"
            #expect(try sluice(["dfs", "-get", "dfs://\(namenode)/a/b/local.bin", got]).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: got)) == Data(bytes))
            #expect(try sluice(["dfs", "-stat", "%b %r %o %F %u", "/a/b/local.bin"]).standardOutput == "200000 2 65536 regular file alice\n")
            #expect(try sluice(["dfs", "-du", "-s", "/a"]).standardOutput == "200000  400000  /a\n")
            let fsck = try sluice(["dfs", "fsck", "/a"])
            #expect(fsck.status == 0)
            #expect(fsck.standardOutput.contains("Total blocks:\t4"), "\(fsck.standardOutput)")
            #expect(fsck.standardOutput.contains("is HEALTHY"))
            #expect(try sluice(["dfs", "-setrep", "1", "/a/b/local.bin"]).standardOutput == "Replication 1 set: /a/b/local.bin\n")
            #expect(try sluice(["dfs", "-chmod", "600", "/a/b/local.bin"]).status == 0)
            #expect(try sluice(["dfs", "-stat", "%a", "/a/b/local.bin"]).standardOutput == "600\n")
            #expect(try sluice(["dfs", "-mv", "/a/b/local.bin", "/a/moved.bin"]).status == 0)
            #expect(try sluice(["dfs", "-cat", "/a/moved.bin"]).status == 0)
            let report = try sluice(["dfs", "report"])
            #expect(report.standardOutput.contains("Live datanodes (2)"), "\(report.standardOutput)")
            #expect(report.standardOutput.contains("Mean time between failures: no failure yet"))
            let missing = try sluice(["dfs", "-rm", "/nothing"])
            #expect(missing.status == 1)
            #expect(missing.standardError.contains("rm: `/nothing': No such file or directory"))
            let directoryRemove = try sluice(["dfs", "-rm", "/a"])
            #expect(directoryRemove.standardError.contains("Is a directory"))
            #expect(try sluice(["dfs", "-rm", "-r", "/a"]).standardOutput == "Deleted /a\n")
            #expect(try sluice(["dfs", "-ls", "/"]).standardOutput == "Found 0 items\n")
            let unknown = try sluice(["dfs", "-frobnicate", "/"])
            #expect(unknown.status != 0)
            #expect(unknown.standardError.contains("-ls [-R]"))
        }
    }

    @Test func otherUsersCannotDeleteOrOverwriteAFile() throws {
        try withCluster { namenode, sluice, directory in
            let local = directory.path + "/note.txt"
            try Data("mine\n".utf8).write(to: URL(fileURLWithPath: local))
            #expect(try sluice(["dfs", "-mkdir", "/home"]).status == 0)
            #expect(try sluice(["dfs", "-put", local, "/home/note.txt"]).status == 0)
            let asBob = { (arguments: [String]) in
                try cli.sluice(["dfs", "--namenode", namenode, "--user", "bob"] + arguments, in: directory)
            }
            let delete = try asBob(["-rm", "/home/note.txt"])
            #expect(delete.status == 1)
            #expect(delete.standardError.contains("Permission denied: user=bob"), "\(delete.standardError)")
            let overwrite = try asBob(["-put", "-f", local, "/home/note.txt"])
            #expect(overwrite.status == 1)
            #expect(overwrite.standardError.contains("Permission denied"))
            #expect(try sluice(["dfs", "-cat", "/home/note.txt"]).standardOutput == "mine\n")
        }
    }

    @Test func dfsWithoutANamenodeSaysHowToGiveOne() throws {
        let directory = try ScratchDirectory()
        let run = try cli.sluice(["dfs", "-ls", "/"], in: directory, environment: ["HOME": directory.path, "SLUICE_NAMENODE": ""])
        #expect(run.status == 1)
        #expect(run.standardError.contains("--namenode HOST:PORT"), "\(run.standardError)")
    }
}
