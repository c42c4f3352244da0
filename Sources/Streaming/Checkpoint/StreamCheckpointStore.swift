import Foundation
import SluiceCore

/// A pipeline's checkpoint folder on any file system:
/// - `metadata.json`: the pipeline's name and fingerprint;
/// - `offsets/<N>`: the offsets batch N reads (JSON), written before it runs;
/// - `state/<N>`: the state after batch N committed (binary, CRC-32C), written after the sink.
///
/// Every file is written to a temporary name and renamed into place, so a reader sees a whole
/// file or none. Not thread-safe: the query's driver thread owns it.
final class StreamCheckpointStore {
    let fileSystem: any FileSystem
    let path: String
    /// The location as the user gave it, for messages.
    let location: String

    static let stateMagic: [UInt8] = Array("SLSTATE1".utf8)
    static let formatVersion = 1

    init(location: String, fileSystems: FileSystemRegistry) throws {
        let resolved = try fileSystems.resolve(location)
        fileSystem = resolved.fileSystem
        path = resolved.path.hasSuffix("/") && resolved.path.count > 1 ? String(resolved.path.dropLast()) : resolved.path
        self.location = location
    }

    var metadataPath: String { path + "/metadata.json" }
    func offsetsPath(_ batchId: Int64) -> String { path + "/offsets/\(batchId)" }
    func statePath(_ batchId: Int64) -> String { path + "/state/\(batchId)" }

    // MARK: Metadata

    func readMetadata() throws -> StreamCheckpointMetadata? {
        guard fileSystem.exists(metadataPath) else { return nil }
        let bytes = try fileSystem.readAll(metadataPath)
        do {
            return try JSONDecoder().decode(StreamCheckpointMetadata.self, from: Data(bytes))
        } catch {
            throw SluiceError.data("the checkpoint metadata is not readable: \(error)", at: SourceLocation(file: metadataPath))
        }
    }

    func writeMetadata(_ metadata: StreamCheckpointMetadata) throws {
        try writeAtomically(try Self.json(metadata), to: metadataPath)
    }

    // MARK: Offsets

    func readOffsets(_ batchId: Int64) throws -> BatchOffsets? {
        let file = offsetsPath(batchId)
        guard fileSystem.exists(file) else { return nil }
        do {
            return try JSONDecoder().decode(BatchOffsets.self, from: Data(try fileSystem.readAll(file)))
        } catch let error as SluiceError {
            throw error
        } catch {
            throw SluiceError.data("the batch offsets are not readable: \(error)", at: SourceLocation(file: file))
        }
    }

    func writeOffsets(_ offsets: BatchOffsets) throws {
        try writeAtomically(try Self.json(offsets), to: offsetsPath(offsets.batchId))
    }

    // MARK: State

    /// The newest batch with a state file, if any.
    func latestStateBatchId() throws -> Int64? {
        try batchIds(in: path + "/state").last
    }

    /// The payload of `state/<batchId>` after checking its frame and checksum.
    /// - Throws: `SluiceError.data` naming the file when it is truncated or its CRC-32C differs.
    func readStatePayload(_ batchId: Int64) throws -> [UInt8] {
        let file = statePath(batchId)
        let bytes = try fileSystem.readAll(file)
        let headerBytes = Self.stateMagic.count + 8
        guard bytes.count >= headerBytes + 4, Array(bytes[0..<Self.stateMagic.count]) == Self.stateMagic else {
            throw SluiceError.data("not a checkpoint state file (bad header); use a new checkpoint location or reprocess",
                                   at: SourceLocation(file: file, byteOffset: 0))
        }
        let length = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: Self.stateMagic.count, as: UInt64.self)) }
        guard length == UInt64(bytes.count - headerBytes - 4) else {
            throw SluiceError.data("checkpoint state is truncated: \(bytes.count - headerBytes - 4) payload bytes, the header says \(length)",
                                   at: SourceLocation(file: file, byteOffset: headerBytes))
        }
        let payload = Array(bytes[headerBytes..<(bytes.count - 4)])
        let stored = bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self)) }
        let computed = CRC32C.checksum(payload)
        guard stored == computed else {
            throw SluiceError.data("checkpoint state fails its CRC-32C check (stored \(stored), computed \(computed)); "
                                   + "use a new checkpoint location or reprocess",
                                   at: SourceLocation(file: file, byteOffset: bytes.count - 4))
        }
        return payload
    }

    func writeState(_ batchId: Int64, payload: [UInt8]) throws {
        var framed = Self.stateMagic
        framed.reserveCapacity(framed.count + 12 + payload.count)
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { framed += $0 }
        framed += payload
        withUnsafeBytes(of: CRC32C.checksum(payload).littleEndian) { framed += $0 }
        try writeAtomically(framed, to: statePath(batchId))
    }

    /// Deletes offsets and state files of batches before `oldestKept`.
    func prune(before oldestKept: Int64) throws {
        for folder in ["state", "offsets"] {
            for batchId in try batchIds(in: path + "/" + folder) where batchId < oldestKept {
                try fileSystem.delete(path + "/\(folder)/\(batchId)", recursive: false)
            }
        }
    }

    // MARK: Files

    private func batchIds(in folder: String) throws -> [Int64] {
        guard fileSystem.exists(folder) else { return [] }
        return try fileSystem.list(folder).compactMap { Int64($0.name) }.sorted()
    }

    private func writeAtomically(_ bytes: [UInt8], to file: String) throws {
        let folder = String(file[..<(file.lastIndex(of: "/") ?? file.startIndex)])
        if !folder.isEmpty, !fileSystem.exists(folder) { try fileSystem.makeDirectories(folder) }
        let temporary = folder + "/." + (file.split(separator: "/").last.map(String.init) ?? "file") + ".tmp"
        try fileSystem.write(bytes, to: temporary, overwrite: true)
        if fileSystem.exists(file) { try fileSystem.delete(file, recursive: false) }
        try fileSystem.rename(from: temporary, to: file)
    }

    private static func json<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return Array(try encoder.encode(value))
    }
}
