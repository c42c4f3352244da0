import AsyncHTTPClient
import Cluster
import Logging
import NIOCore
import SluiceCore

/// A file open for reads. Each range is read from the nearest replica first; a datanode that
/// fails or finds a bad checksum is skipped (and a corrupt replica reported) and the read goes on
/// from the next replica at the byte it reached.
///
/// Thread-safety: concurrent reads are fine; the set of failed datanodes is guarded by a mutex.
public final class DFSInputStream: @unchecked Sendable {
    // Sendable: `failedDatanodeUUIDs` is guarded by `lock`; everything else is immutable.
    let client: DFSClient
    public let path: String
    let located: ClientProtocol.LocatedBlocks
    private let lock = Mutex()
    /// Datanodes that failed a read of this file: later blocks try them last (HDFS's dead
    /// nodes of a stream).
    private var failedDatanodeUUIDs: Set<String> = []

    init(client: DFSClient, path: String, located: ClientProtocol.LocatedBlocks) {
        self.client = client
        self.path = path
        self.located = located
    }

    public var lengthBytes: Int64 { located.lengthBytes }

    /// The blocks of the file with their replicas, as the namenode gave them at open.
    public var blocks: [ClientProtocol.LocatedBlock] { located.blocks }

    /// Reads exactly `count` bytes at `offset`.
    /// - Throws: `BlockStoreError` when the range passes the end or no replica can serve a block.
    public func read(offset: Int64, count: Int) async throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + Int64(count) <= lengthBytes else {
            throw BlockStoreError(.illegalArgument, "read of \(count) bytes at \(offset) passes the end of \(path) (\(lengthBytes) bytes)")
        }
        var result: [UInt8] = []
        result.reserveCapacity(count)
        try await stream(offset: offset, length: Int64(count)) { buffer in
            result.append(contentsOf: buffer.readableBytesView)
        }
        return result
    }

    /// Hands the bytes of a range to `sink` in order, as they arrive.
    public func stream(offset: Int64 = 0, length: Int64? = nil, _ sink: (ByteBuffer) async throws -> Void) async throws {
        let end = min(lengthBytes, offset + (length ?? lengthBytes))
        var position = offset
        for located in located.blocks where position < end {
            let blockEnd = located.offsetBytes + located.block.lengthBytes
            guard blockEnd > position else { continue }
            let rangeEnd = min(blockEnd, end)
            try await streamBlock(located, from: position - located.offsetBytes, to: rangeEnd - located.offsetBytes, sink)
            position = rangeEnd
        }
    }

    /// Streams `[start, end)` of one block, failing over between its replicas.
    private func streamBlock(
        _ located: ClientProtocol.LocatedBlock, from start: Int64, to end: Int64, _ sink: (ByteBuffer) async throws -> Void
    ) async throws {
        var position = start
        var failures: [String] = []
        let failedBefore = lock.withLock { failedDatanodeUUIDs }
        let ordered = located.locations.filter { !failedBefore.contains($0.datanodeUUID) }
            + located.locations.filter { failedBefore.contains($0.datanodeUUID) }
        for location in ordered where position < end {
            let url = "http://\(location.address)\(DataTransferProtocol.blockPath(located.block.blockID))"
                + "?offset=\(position)&length=\(end - position)&generation=\(located.block.generationStamp)"
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            do {
                let response = try await HTTPClientPool.shared.execute(request, timeout: .seconds(300))
                guard response.status.code == 200 else {
                    let body = try await response.body.collect(upTo: 1 << 20)
                    let error = RemoteFailure.blockStoreError(
                        RemoteCallError(status: Int(response.status.code), url: url, body: Array(body.readableBytesView)), calling: "datanode")
                    if let storeError = error as? BlockStoreError, storeError.kind == .checksum {
                        await client.reportBadBlock(located.block, on: location)
                    }
                    failures.append("\(location.address): \(error)")
                    continue
                }
                for try await piece in response.body {
                    let room = end - position
                    guard room > 0 else { break }
                    let piece = piece.readableBytes > room ? piece.getSlice(at: piece.readerIndex, length: Int(room))! : piece
                    try await sink(piece)
                    position += Int64(piece.readableBytes)
                }
                if position < end {
                    failures.append("\(location.address): the replica ended at byte \(position) of \(end)")
                }
            } catch let error as BlockStoreError {
                throw error
            } catch {
                failures.append("\(location.address): \(error)")
                lock.withLock { _ = failedDatanodeUUIDs.insert(location.datanodeUUID) }
                client.logger.warning("reading \(located.block) of \(path) from \(location.address) failed at byte \(position): \(error); trying the next replica")
            }
        }
        if position < end {
            throw BlockStoreError(
                .notEnoughReplicas,
                "Could not obtain block: \(located.block) file=\(path) at byte \(located.offsetBytes + position): "
                    + (failures.isEmpty ? "no live replica" : failures.joined(separator: "; ")))
        }
    }
}
