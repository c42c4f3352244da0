import ArgumentParser
import BlockStore
import Cluster
import Foundation
import NIOCore
import SQL
import SluiceCore

#if canImport(Glibc)
import Glibc
#endif

/// The verbs of `sluice dfs`, with Hadoop's names, options and output formats.
/// Sendable: the blocking bridge runs closures that capture the shell while the calling thread
/// waits for them, so the shell is never used by two threads at once.
struct DFSShell: @unchecked Sendable {
    let client: DFSClient
    let output = StandardOutput()

    init(namenodeAddress: String, user: String?) {
        client = DFSClient(namenodeAddress: namenodeAddress, user: user ?? BlockStoreUser.current())
    }

    static let verbList = "verbs: -ls [-R], -put [-f] LOCAL... DEST, -get [-f] SRC... LOCAL, -cat, -rm [-r] [-f], -mkdir [-p], -mv SRC... DEST, -du [-s] [-h], -stat [FORMAT], -setrep N, -chmod MODE, -chown OWNER[:GROUP], fsck PATH, report"

    static let usage = """
        Paths are absolute (/a/b) or dfs://HOST:PORT/a/b. The namenode comes from --namenode, \
        SLUICE_NAMENODE, or the pseudo cluster `sluice cluster start` runs. --user NAME acts as \
        another user (default: $SLUICE_USER, $HADOOP_USER_NAME, or the login name).

          -ls [-R] PATH...             list (recursively with -R)
          -put [-f] LOCAL... DEST      copy local files in (-f overwrites)
          -get [-f] SRC... LOCAL       copy files out
          -cat PATH...                 print files
          -rm [-r] [-f] PATH...        delete (-r directories, -f no error if missing)
          -mkdir [-p] PATH...          make directories (-p with parents, no error if there)
          -mv SRC... DEST              move or rename
          -du [-s] [-h] PATH...        space used (-s one total per path, -h readable sizes)
          -stat [FORMAT] PATH...       %b size %F type %g group %u owner %n name %o block size
                                       %r replication %y modification time %a octal %A rwx
          -setrep N PATH...            set replication
          -chmod MODE PATH...          set permission (octal)
          -chown OWNER[:GROUP] PATH... set owner (superuser) and group
          fsck PATH                    blocks, replicas, missing and corrupt blocks
          report                       live, stale and dead datanodes, capacity, MTBF, MTTR
        """

    /// Runs one verb; returns the exit status (1 when some path failed, after trying all).
    func run(verb: String, arguments: [String]) throws -> Int32 {
        defer { output.flush() }
        let (flags, operands) = Self.split(arguments)
        switch verb {
        case "-ls": return try forEach(operands.isEmpty ? ["/"] : operands) { try list($0, recursive: flags.contains("R")) }
        case "-mkdir": return try forEach(operands) { try makeDirectory($0, parents: flags.contains("p")) }
        case "-rm": return try forEach(operands) { try remove($0, recursive: flags.contains("r") || flags.contains("R"), force: flags.contains("f")) }
        case "-cat": return try forEach(operands) { try cat($0) }
        case "-put", "-copyFromLocal":
            guard operands.count >= 2 else { throw ValidationError("-put needs LOCAL... DEST") }
            return try put(Array(operands.dropLast()), to: path(operands.last!), overwrite: flags.contains("f"))
        case "-get", "-copyToLocal":
            guard operands.count >= 2 else { throw ValidationError("-get needs SRC... LOCAL") }
            return try get(operands.dropLast().map(path), to: operands.last!, overwrite: flags.contains("f"))
        case "-mv":
            guard operands.count >= 2 else { throw ValidationError("-mv needs SRC... DEST") }
            let destination = path(operands.last!)
            return try forEach(Array(operands.dropLast())) { try move($0, to: destination) }
        case "-du": return try forEach(operands.isEmpty ? ["/"] : operands) { try diskUsage($0, summary: flags.contains("s"), human: flags.contains("h")) }
        case "-stat":
            let format = operands.count >= 2 ? operands[0] : "%y"
            return try forEach(operands.count >= 2 ? Array(operands.dropFirst()) : operands) { try stat($0, format: format) }
        case "-setrep":
            guard operands.count >= 2, let replication = Int(operands[0]), replication >= 1 else {
                throw ValidationError("-setrep needs a replication of at least 1 and a path")
            }
            return try forEach(Array(operands.dropFirst())) { try setReplication($0, replication) }
        case "-chmod":
            guard operands.count >= 2, let mode = UInt16(operands[0], radix: 8), mode <= 0o1777 else {
                throw ValidationError("-chmod needs an octal mode (e.g. 755) and a path")
            }
            return try forEach(Array(operands.dropFirst())) { path in try blocking { try await client.setPermission(path, mode) } }
        case "-chown":
            guard operands.count >= 2 else { throw ValidationError("-chown needs OWNER[:GROUP] and a path") }
            let parts = operands[0].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let owner = parts[0].isEmpty ? nil : parts[0]
            let group = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
            return try forEach(Array(operands.dropFirst())) { path in try blocking { try await client.setOwner(path, owner: owner, group: group) } }
        case "fsck", "-fsck":
            let report = try blocking { try await client.fsck(path(operands.first ?? "/")) }
            output.write(DFSReportText.fsck(report))
            return report.isHealthy ? 0 : 1
        case "report", "-report":
            output.write(DFSReportText.cluster(try blocking { try await client.clusterReport() }))
            return 0
        default:
            throw ValidationError("unknown verb \(verb); \(Self.verbList)")
        }
    }

    // MARK: Verbs

    private func list(_ path: String, recursive: Bool) throws {
        let status = try blocking { try await client.status(path) }
        guard status.isDirectory else {
            output.write(DFSListingText.line(status, path: path) + "\n")
            return
        }
        let entries = try blocking { try await client.list(path) }
        if !recursive { output.write("Found \(entries.count) items\n") }
        for entry in entries {
            let childPath = (path == "/" ? "" : path) + "/" + entry.pathSuffix
            output.write(DFSListingText.line(entry, path: childPath) + "\n")
            if recursive, entry.isDirectory { try list(childPath, recursive: true) }
        }
    }

    private func makeDirectory(_ path: String, parents: Bool) throws {
        if !parents {
            if (try? blocking({ try await client.status(path) })) != nil {
                throw SluiceError.userInput("mkdir: `\(path)': File exists")
            }
            let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            if !parent.isEmpty, (try? blocking({ try await client.status(parent) })) == nil {
                throw SluiceError.userInput("mkdir: `\(parent)': No such file or directory")
            }
        }
        _ = try blocking { try await client.makeDirectories(path) }
    }

    private func remove(_ path: String, recursive: Bool, force: Bool) throws {
        guard let status = try? blocking({ try await client.status(path) }) else {
            if force { return }
            throw SluiceError.userInput("rm: `\(path)': No such file or directory")
        }
        if status.isDirectory && !recursive {
            throw SluiceError.userInput("rm: `\(path)': Is a directory")
        }
        _ = try blocking { try await client.delete(path, recursive: recursive) }
        output.write("Deleted \(path)\n")
    }

    private func cat(_ path: String) throws {
        output.flush()
        try blocking {
            let stream = try await client.open(path)
            try await stream.stream { piece in
                writeAll(Array(piece.readableBytesView), to: STDOUT_FILENO)
            }
        }
    }

    private func move(_ source: String, to destination: String) throws {
        let moved = try blocking { try await client.rename(source, to: destination) }
        if !moved {
            throw SluiceError.userInput("mv: `\(source)' to `\(destination)': cannot move (missing source or existing destination)")
        }
    }

    private func put(_ locals: [String], to destination: String, overwrite: Bool) throws -> Int32 {
        let destinationStatus = try? blocking { try await client.status(destination) }
        if locals.count > 1, destinationStatus?.isDirectory != true {
            throw SluiceError.userInput("put: `\(destination)': Is not a directory")
        }
        return try forEach(locals) { local in
            let name = local.split(separator: "/").last.map(String.init) ?? local
            let target = destinationStatus?.isDirectory == true ? (destination == "/" ? "" : destination) + "/" + name : destination
            try putFile(local, to: target, overwrite: overwrite)
        }
    }

    private func putFile(_ local: String, to target: String, overwrite: Bool) throws {
        let source = try LocalFileSystem().openForReading(local)
        defer { try? source.close() }
        let totalBytes = source.sizeBytes
        let progress = TransferProgressDisplay.start(totalBytes: totalBytes)
        defer { progress.finish() }
        try blocking {
            let stream = try await client.create(target, overwrite: overwrite)
            let pieceBytes = 8 << 20
            var offset = 0
            while offset < totalBytes {
                let piece = try source.read(offset: offset, count: min(pieceBytes, totalBytes - offset))
                var taken = 0
                while taken < piece.count {
                    taken += piece.withUnsafeBytes { stream.append(UnsafeRawBufferPointer(rebasing: $0[taken...])) }
                    try await stream.sendReady()
                }
                offset += piece.count
                progress.advance(bytes: piece.count)
            }
            try await stream.close()
        }
    }

    private func get(_ sources: [String], to local: String, overwrite: Bool) throws -> Int32 {
        var isDirectory: ObjCBool = false
        let localIsDirectory = FileManager.default.fileExists(atPath: local, isDirectory: &isDirectory) && isDirectory.boolValue
        return try forEach(sources) { source in
            let name = source.split(separator: "/").last.map(String.init) ?? "file"
            let target = localIsDirectory ? local + "/" + name : local
            if !overwrite, FileManager.default.fileExists(atPath: target) {
                throw SluiceError.userInput("get: `\(target)': File exists")
            }
            let file = try LocalFileSystem().create(target, overwrite: true)
            do {
                let stream = try blocking { try await client.open(source) }
                let progress = TransferProgressDisplay.start(totalBytes: Int(stream.lengthBytes))
                defer { progress.finish() }
                let sink = UncheckedFile(file: file)
                try blocking {
                    try await stream.stream { piece in
                        try piece.withUnsafeReadableBytes { try sink.file.write($0) }
                        progress.advance(bytes: piece.readableBytes)
                    }
                }
                try file.close()
            } catch {
                file.abort()
                throw error
            }
        }
    }

    private func diskUsage(_ path: String, summary: Bool, human: Bool) throws {
        let size: (Int64) -> String = { human ? ByteCountText.format($0) : String($0) }
        if summary {
            let content = try blocking { try await client.contentSummary(path) }
            output.write("\(size(content.length))  \(size(content.spaceConsumed))  \(path)\n")
            return
        }
        let status = try blocking { try await client.status(path) }
        let entries = status.isDirectory ? try blocking { try await client.list(path) } : [status]
        for entry in entries {
            let childPath = entry.pathSuffix.isEmpty ? path : (path == "/" ? "" : path) + "/" + entry.pathSuffix
            let content = try blocking { try await client.contentSummary(childPath) }
            output.write("\(size(content.length))  \(size(content.spaceConsumed))  \(childPath)\n")
        }
    }

    private func stat(_ path: String, format: String) throws {
        let status = try blocking { try await client.status(path) }
        output.write(DFSListingText.stat(status, path: path, format: format) + "\n")
    }

    private func setReplication(_ path: String, _ replication: Int) throws {
        let changed = try blocking { try await client.setReplication(path, replication) }
        output.write(changed ? "Replication \(replication) set: \(path)\n" : "setrep: `\(path)': not a file\n")
    }

    // MARK: Plumbing

    /// Runs `body` for each path; failures are reported Hadoop-style and the rest still run.
    private func forEach(_ paths: [String], _ body: (String) throws -> Void) throws -> Int32 {
        guard !paths.isEmpty else { throw ValidationError("no path given") }
        var status: Int32 = 0
        for operand in paths {
            do {
                try body(operand.hasPrefix("dfs://") || operand.hasPrefix("/") ? path(operand) : operand)
            } catch let error as ValidationError {
                throw error
            } catch {
                output.flush()
                writeStandardError("sluice dfs: \(Self.describe(error))\n")
                status = 1
            }
        }
        return status
    }

    private func path(_ operand: String) -> String {
        guard operand.hasPrefix("dfs://") else { return operand }
        let rest = operand.dropFirst("dfs://".count)
        return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
    }

    private func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        try BlockingBridge.run(body)
    }

    static func describe(_ error: any Error) -> String {
        if let storeError = error as? BlockStoreError { return storeError.message }
        if let sluiceError = error as? SluiceError { return sluiceError.message }
        return "\(error)"
    }

    /// Splits `-r -f a b` into flags {r, f} and operands; `-Rf` style bundles are unpacked.
    static func split(_ arguments: [String]) -> (Set<Character>, [String]) {
        var flags = Set<Character>()
        var operands: [String] = []
        for argument in arguments {
            if argument.count >= 2, argument.hasPrefix("-"), !argument.dropFirst().contains(where: { $0.isNumber }) {
                flags.formUnion(argument.dropFirst())
            } else {
                operands.append(argument)
            }
        }
        return (flags, operands)
    }
}

/// A local file handed to the async read loop; one task writes it.
private final class UncheckedFile: @unchecked Sendable {
    // Sendable: only the one streaming task writes, and the caller waits for it.
    let file: any WritableFile
    init(file: any WritableFile) { self.file = file }
}
