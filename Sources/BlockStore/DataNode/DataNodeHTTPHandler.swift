import Cluster
import Foundation
import Hummingbird
import Logging
import NIOCore
import SluiceCore

/// Answers a datanode's HTTP requests: block writes through the pipeline, verified block reads,
/// replica checksums, WebHDFS's data operations (CREATE, APPEND, OPEN, GETFILECHECKSUM), status
/// and metrics.
struct DataNodeHTTPHandler {
    let dataNode: DataNode

    func respond(to request: Request, context: BasicRequestContext) async -> Response {
        let path = request.uri.path
        do {
            if path.hasPrefix("/data/block/"), let blockID = UInt64(path.dropFirst("/data/block/".count)) {
                switch request.method {
                case .put: return try await receiveBlock(blockID, request)
                case .get: return try readBlock(blockID, request)
                default: break
                }
            }
            if path.hasPrefix("/data/blockcrc/"), let blockID = UInt64(path.dropFirst("/data/blockcrc/".count)) {
                return try replicaChecksum(blockID, request)
            }
            if let webRequest = WebHDFSRequest(request) {
                return try await WebHDFSDataHandler(dataNode: dataNode).respond(to: webRequest, request: request)
            }
            if path == "/metrics" {
                return HTTPAnswers.bytes(MetricsRegistry.exposition(), contentType: MetricsRegistry.contentType)
            }
            if path == "/status" || path == "/" {
                return HTTPAnswers.json(DataNodeStatus(dataNode: dataNode))
            }
            return HTTPAnswers.error(BlockStoreError(.unsupportedOperation, "no such resource on a datanode: \(request.method) \(path)"))
        } catch {
            return HTTPAnswers.error(error)
        }
    }

    /// Writes a replica from the request body while forwarding the same bytes downstream.
    private func receiveBlock(_ blockID: UInt64, _ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        guard let generation = query["generation"].flatMap({ UInt64($0) }) else {
            throw BlockStoreError(.illegalArgument, "a block write needs generation=<stamp>")
        }
        let targets = (query["targets"].map(String.init) ?? "").split(separator: ",").map(String.init).filter { !$0.isEmpty }
        let writer = try dataNode.storage.createReplica(ExtendedBlock(blockID: blockID, generationStamp: generation, lengthBytes: 0))
        let forward = targets.first.map { PipelineForwarder(blockID: blockID, generation: generation, next: $0, rest: Array(targets.dropFirst())) }
        do {
            for try await piece in request.body {
                try piece.withUnsafeReadableBytes { try writer.write($0) }
                forward?.send(piece)
            }
        } catch {
            writer.abort()
            forward?.fail(error)
            dataNode.logger.warning("write of block \(blockID) cut off upstream: \(error)")
            throw BlockStoreError(.io, "the write of block \(blockID) was cut off: \(error)")
        }
        let block: ExtendedBlock
        do {
            block = try writer.finalize()
        } catch {
            forward?.fail(error)
            throw error
        }
        dataNode.bytesWritten.increment(by: Int(block.lengthBytes))
        var stored = [dataNode.storage.datanodeUUID]
        var failed: [String] = []
        if let forward {
            let downstream = await forward.finish()
            switch downstream {
            case .success(let ack):
                stored += ack.storedDatanodeUUIDs
                failed = ack.failedAddresses
            case .failure(let error):
                dataNode.logger.warning("pipeline to \(targets[0]) failed for \(block): \(error)")
                failed = targets
            }
        }
        await dataNode.reportReplicaChanges(received: [block], deletedBlockIDs: [])
        return HTTPAnswers.json(DataTransferProtocol.PipelineAck(block: block, storedDatanodeUUIDs: stored, failedAddresses: failed))
    }

    /// Streams a verified range of a replica; a bad checksum is reported and answered with
    /// `ChecksumException` (before any byte) or by cutting the connection (mid-range).
    private func readBlock(_ blockID: UInt64, _ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let reader = try dataNode.storage.openReplica(blockID: blockID)
        if let generation = query["generation"].flatMap({ UInt64($0) }), generation > reader.generationStamp {
            throw BlockStoreError(.io, "replica of block \(blockID) here is stale (generation \(reader.generationStamp) < \(generation))")
        }
        let offset = query["offset"].flatMap { Int64($0) } ?? 0
        let length = query["length"].flatMap { Int64($0) } ?? (reader.lengthBytes - offset)
        guard offset >= 0, length >= 0, offset + length <= reader.lengthBytes else {
            throw BlockStoreError(.illegalArgument, "range \(offset)+\(length) passes the end of block \(blockID) (\(reader.lengthBytes) bytes)")
        }
        var cursor = try reader.pieces(offset: offset, count: length)
        let pieceBytes = cursor.pieceSizeBytesMax
        // Each piece is read and verified straight into the buffer that goes on the wire.
        @Sendable func nextPiece(_ cursor: inout BlockReplicaPieceCursor) throws -> ByteBuffer? {
            var piece = ByteBufferAllocator().buffer(capacity: pieceBytes)
            let count = try piece.writeWithUnsafeMutableBytes(minimumWritableBytes: pieceBytes) { try cursor.next(into: $0) }
            return count == 0 ? nil : piece
        }
        let first: ByteBuffer?
        do {
            first = try nextPiece(&cursor)
        } catch let error as BlockStoreError where error.kind == .checksum {
            let dataNode = self.dataNode
            Task { await dataNode.reportCorrupt(reader.block) }
            throw error
        }
        let dataNode = self.dataNode
        let startCursor = cursor
        let body = ResponseBody(contentLength: Int(length)) { writer in
            var cursor = startCursor
            if let first { try await writer.write(first) }
            while true {
                let piece: ByteBuffer?
                do {
                    piece = try nextPiece(&cursor)
                } catch let error as BlockStoreError where error.kind == .checksum {
                    await dataNode.reportCorrupt(reader.block)
                    throw error
                }
                guard let piece else { break }
                try await writer.write(piece)
            }
            dataNode.bytesRead.increment(by: Int(length))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: body)
    }

    private func replicaChecksum(_ blockID: UInt64, _ request: Request) throws -> Response {
        let continuing = request.uri.queryParameters["continuing"].flatMap { UInt32($0) } ?? 0
        let reader = try dataNode.storage.openReplica(blockID: blockID)
        var cursor = try reader.pieces(offset: 0, count: reader.lengthBytes)
        var crc = continuing
        while let piece = try cursor.next() {
            crc = CRC32C.checksum(piece, continuing: crc)
        }
        return HTTPAnswers.json(DataTransferProtocol.ReplicaChecksum(crc32c: crc, lengthBytes: reader.lengthBytes))
    }
}

/// What `/status` on a datanode answers.
struct DataNodeStatus: Encodable {
    var datanodeUUID: String
    var address: String
    var namenode: String
    var dataDirectories: [String]
    var replicaCount: Int
    var capacityBytes: Int64
    var usedBytes: Int64
    var remainingBytes: Int64

    init(dataNode: DataNode) {
        let capacity = dataNode.storage.capacity()
        datanodeUUID = dataNode.storage.datanodeUUID
        address = dataNode.address
        namenode = dataNode.configuration.namenodeAddress
        dataDirectories = dataNode.configuration.dataDirectories
        replicaCount = dataNode.storage.replicas().count
        capacityBytes = capacity.capacityBytes
        usedBytes = capacity.usedBytes
        remainingBytes = capacity.remainingBytes
    }
}
