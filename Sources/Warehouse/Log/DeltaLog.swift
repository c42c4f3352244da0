import Foundation
import SluiceCore

/// The `_delta_log` folder of one table: commit files named by their zero-padded version,
/// checkpoints, and the `_last_checkpoint` pointer. Knows file names and formats, not what the
/// actions mean (that is `SnapshotBuilder`'s job).
public struct DeltaLog: Sendable {
    public let fileSystem: any FileSystem
    public let tablePath: String

    public init(fileSystem: any FileSystem, tablePath: String) {
        self.fileSystem = fileSystem
        self.tablePath = tablePath
    }

    public var logPath: String { tablePath + "/_delta_log" }

    /// `00000000000000000042.json`.
    public static func commitFileName(_ version: Int64) -> String {
        paddedVersion(version) + ".json"
    }

    public static func checkpointFileName(_ version: Int64) -> String {
        paddedVersion(version) + ".checkpoint.parquet"
    }

    static func paddedVersion(_ version: Int64) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    public func commitPath(_ version: Int64) -> String { logPath + "/" + DeltaLog.commitFileName(version) }

    public func checkpointPath(_ version: Int64) -> String { logPath + "/" + DeltaLog.checkpointFileName(version) }

    var lastCheckpointPath: String { logPath + "/_last_checkpoint" }

    /// What the log folder holds: commit versions and classic checkpoint versions, ascending.
    public struct Listing: Sendable, Equatable {
        public var commitVersions: [Int64] = []
        public var checkpointVersions: [Int64] = []
    }

    /// Lists the log folder; an absent folder is an empty listing.
    public func list() throws -> Listing {
        guard fileSystem.exists(logPath) else { return Listing() }
        var listing = Listing()
        for entry in try fileSystem.list(logPath) where !entry.isDirectory {
            let name = entry.name
            let digits = name.prefix(20)
            guard digits.count == 20, digits.allSatisfy(\.isNumber), let version = Int64(digits) else { continue }
            let rest = name.dropFirst(20)
            if rest == ".json" {
                listing.commitVersions.append(version)
            } else if rest == ".checkpoint.parquet" {
                listing.checkpointVersions.append(version)
            }
        }
        listing.commitVersions.sort()
        listing.checkpointVersions.sort()
        return listing
    }

    /// The actions of one commit, in file order.
    /// - Throws: `SluiceError` (data) naming the version, file and line for a corrupt commit,
    ///   (user input, condition `.notFound`) when the commit file does not exist.
    public func readCommit(_ version: Int64) throws -> [DeltaAction] {
        let path = commitPath(version)
        guard fileSystem.exists(path) else {
            throw SluiceError(.userInput, "version \(version) of table \(tablePath) does not exist (no \(DeltaLog.commitFileName(version)))",
                              at: SourceLocation(file: path), condition: .notFound)
        }
        let bytes = try fileSystem.readAll(path)
        var actions: [DeltaAction] = []
        // Lines are split as bytes: splitting the text by characters costs as much as parsing
        // the JSON, and a newline byte never occurs inside a UTF-8 sequence.
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(decoding: line, as: UTF8.self).trimmed
            if trimmed.isEmpty { continue }
            do {
                actions.append(try DeltaAction(line: trimmed))
            } catch let error as SluiceError {
                throw SluiceError.data("corrupt commit of version \(version): \(error.message)",
                                       at: SourceLocation(file: path, line: index + 1))
            }
        }
        return actions
    }

    /// Publishes a commit: the atomic create-if-absent of the version's file.
    /// - Throws: `SluiceError` with condition `.alreadyExists` when another writer committed
    ///   this version first.
    public func writeCommit(_ version: Int64, _ actions: [DeltaAction]) throws {
        var text = ""
        for action in actions { text += try action.line() + "\n" }
        if !fileSystem.exists(logPath) { try fileSystem.makeDirectories(logPath) }
        let file = try fileSystem.create(commitPath(version), overwrite: false)
        do {
            try file.write(Array(text.utf8))
            try file.close()
        } catch {
            file.abort()
            throw error
        }
    }

    /// The `_last_checkpoint` pointer, if present and readable (a stale or broken pointer only
    /// costs replaying more commits, so it is never an error).
    public func readLastCheckpoint() -> LastCheckpoint? {
        guard let bytes = try? fileSystem.readAll(lastCheckpointPath) else { return nil }
        return try? JSONDecoder().decode(LastCheckpoint.self, from: Data(bytes))
    }

    public func writeLastCheckpoint(_ pointer: LastCheckpoint) throws {
        try fileSystem.write(Array(try LogJSON.encode(pointer).utf8), to: lastCheckpointPath, overwrite: true)
    }
}

/// The content of `_last_checkpoint`.
public struct LastCheckpoint: Sendable, Equatable, Codable {
    public var version: Int64
    /// Actions in the checkpoint.
    public var size: Int64
    public var sizeInBytes: Int64?
    public var numOfAddFiles: Int64?
}
