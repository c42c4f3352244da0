import AsyncHTTPClient
import Cluster
import Foundation
import Logging
import NIOCore

/// A file being written. Each block streams through a pipeline of datanodes the namenode picks
/// while it fills, in packets, so reading the source and sending overlap. The packets of the
/// open block are kept until its pipeline acknowledges it: a datanode that fails during a block
/// is excluded and the block is sent again from those packets through a new pipeline;
/// downstream nodes that fail are dropped and the namenode restores the replication later.
///
/// Thread-safety: one writer; not shared between tasks.
public final class DFSOutputStream: @unchecked Sendable {
    // Sendable: used by one task at a time (the writer), like a file handle.
    let client: DFSClient
    public let path: String
    public let blockSizeBytes: Int
    /// Bytes appended but not yet handed to the pipeline.
    private var pending: [UInt8] = []
    /// The block being written and what has been sent of it.
    private var openBlock: OpenBlock?
    private var previous: ExtendedBlock?
    private var isClosed = false
    /// Datanodes that failed a pipeline of this file; later blocks avoid them too (HDFS keeps
    /// such a list per writer for ten minutes).
    private var excludedDatanodeUUIDs: [String] = []
    /// Bytes in the file, including those not yet sent.
    public private(set) var position: Int64
    /// How many times a pipeline was abandoned and the block sent again.
    public private(set) var pipelineRecoveryCount = 0
    static let pipelineAttemptCountMax = 5
    /// Bytes gathered before they go to the pipeline as one packet.
    static let packetBytes = 1 << 20
    /// Renews the lease while the file is open, like HDFS's lease renewer, so a slow writer
    /// keeps its file; it stops at close or when the stream is dropped.
    private let leaseRenewal: Task<Void, Never>
    static let leaseRenewalIntervalMillis = 20_000

    /// A block whose pipeline is open: its packets so far and the request streaming them.
    private struct OpenBlock {
        var located: ClientProtocol.LocatedBlock
        var packets: [ByteBuffer] = []
        var sentBytes = 0
        let body: AsyncThrowingStream<ByteBuffer, any Error>.Continuation
        let acknowledgement: Task<DataTransferProtocol.PipelineAck, any Error>
    }

    init(client: DFSClient, path: String, blockSizeBytes: Int, startLengthBytes: Int64) {
        self.client = client
        self.path = path
        self.blockSizeBytes = max(blockSizeBytes, 1)
        self.position = startLengthBytes
        leaseRenewal = PeriodicTask.start(intervalMillis: Self.leaseRenewalIntervalMillis) { [client] in
            try await Task.sleep(nanoseconds: UInt64(Self.leaseRenewalIntervalMillis) * 1_000_000)
            _ = try await client.rpc(
                ClientProtocol.Method.renewLease, ClientProtocol.RenewLeaseRequest(clientName: client.clientName),
                as: ClientProtocol.Empty.self)
        }
    }

    deinit {
        leaseRenewal.cancel()
        openBlock?.body.finish(throwing: CancellationError())
    }

    /// Bytes of the current block: sent and pending.
    private var bytesInBlock: Int { (openBlock?.sentBytes ?? 0) + pending.count }

    /// Copies as much of `bytes` as fits in the current block; returns how many were taken.
    /// Call `sendReady()` when `needsSending` says so, before appending more.
    public func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        let taken = min(blockSizeBytes - bytesInBlock, bytes.count)
        if taken > 0 {
            if pending.capacity < Self.packetBytes { pending.reserveCapacity(min(Self.packetBytes, blockSizeBytes)) }
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<taken]))
            position += Int64(taken)
        }
        return taken
    }

    public var isBlockFull: Bool { bytesInBlock >= blockSizeBytes }

    /// Whether a packet is ready or the block is full: time to call `sendReady()`.
    public var needsSending: Bool { pending.count >= Self.packetBytes || isBlockFull }

    /// Sends a ready packet into the block's pipeline, and finishes the block (waiting for its
    /// acknowledgement) when it is full. Cheap when nothing is ready.
    public func sendReady() async throws {
        if pending.count >= Self.packetBytes || (isBlockFull && !pending.isEmpty) {
            try await sendPending()
        }
        if isBlockFull { try await finishBlock() }
    }

    /// Writes bytes, sending packets and blocks as they fill.
    public func write(_ bytes: [UInt8]) async throws {
        var offset = 0
        while offset < bytes.count {
            let taken = bytes.withUnsafeBytes { append(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            offset += taken
            try await sendReady()
        }
    }

    /// Sends the last block and closes the file at the namenode (releasing the lease).
    public func close() async throws {
        guard !isClosed else { return }
        if !pending.isEmpty { try await sendPending() }
        if openBlock != nil { try await finishBlock() }
        let request = ClientProtocol.CompleteRequest(path: path, clientName: client.clientName, last: previous)
        _ = try await client.rpc(ClientProtocol.Method.complete, request, as: ClientProtocol.Empty.self)
        isClosed = true
        leaseRenewal.cancel()
    }

    /// Hands the pending bytes to the open block's pipeline (opening one first).
    private func sendPending() async throws {
        if openBlock == nil { openBlock = try await openPipeline() }
        let packet = ByteBuffer(bytes: pending)
        pending.removeAll(keepingCapacity: true)
        openBlock!.packets.append(packet)
        openBlock!.sentBytes += packet.readableBytes
        openBlock!.body.yield(packet)
    }

    /// Asks the namenode for a block and its pipeline, and starts streaming to the head.
    private func openPipeline() async throws -> OpenBlock {
        let request = ClientProtocol.AddBlockRequest(
            path: path, clientName: client.clientName, previous: previous,
            excludedDatanodeUUIDs: excludedDatanodeUUIDs, writerHost: client.localHost)
        let located = try await client.rpc(ClientProtocol.Method.addBlock, request, as: ClientProtocol.LocatedBlock.self)
        guard let head = located.locations.first else {
            throw BlockStoreError(.notEnoughReplicas, "no datanode to write \(located.block) of \(path)")
        }
        let downstream = located.locations.dropFirst().map(\.address).joined(separator: ",")
        let url = "http://\(head.address)\(DataTransferProtocol.blockPath(located.block.blockID))"
            + "?generation=\(located.block.generationStamp)&targets=\(downstream)"
        let (stream, body) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let acknowledgement = Task {
            var request = HTTPClientRequest(url: url)
            request.method = .PUT
            request.headers.add(name: "Content-Type", value: "application/octet-stream")
            request.body = .stream(stream, length: .unknown)
            let response: HTTPClientResponse
            do {
                response = try await HTTPClientPool.shared.execute(request, timeout: .seconds(300))
            } catch {
                throw RemoteCallError(status: nil, url: url, body: [], cause: "\(error)")
            }
            let answer = Array(try await response.body.collect(upTo: 1 << 20).readableBytesView)
            guard (200..<300).contains(Int(response.status.code)) else {
                throw RemoteFailure.blockStoreError(RemoteCallError(status: Int(response.status.code), url: url, body: answer), calling: "datanode")
            }
            return try JSONDecoder().decode(DataTransferProtocol.PipelineAck.self, from: Data(answer))
        }
        return OpenBlock(located: located, body: body, acknowledgement: acknowledgement)
    }

    /// Ends the open block's stream and waits for the pipeline's acknowledgement; when the
    /// pipeline failed, sends the block again through new ones.
    private func finishBlock() async throws {
        guard var block = openBlock else { return }
        var failures: [String] = []
        for attempt in 1...Self.pipelineAttemptCountMax {
            block.body.finish()
            do {
                let ack = try await block.acknowledgement.value
                if !ack.failedAddresses.isEmpty {
                    client.logger.warning("pipeline for \(ack.block) of \(path) lost \(ack.failedAddresses.joined(separator: ", ")); the namenode will restore replication")
                }
                previous = ack.block
                openBlock = nil
                return
            } catch {
                let head = block.located.locations[0]
                failures.append("\(head.address): \(error)")
                excludedDatanodeUUIDs.append(head.datanodeUUID)
                pipelineRecoveryCount += 1
                client.logger.warning("pipeline for \(block.located.block) of \(path) failed at \(head.address): \(error); retrying without it")
                let abandon = ClientProtocol.AbandonBlockRequest(path: path, clientName: client.clientName, block: block.located.block)
                _ = try? await client.rpc(ClientProtocol.Method.abandonBlock, abandon, as: ClientProtocol.Empty.self)
                guard attempt < Self.pipelineAttemptCountMax else { break }
                let packets = block.packets
                block = try await openPipeline()
                for packet in packets {
                    block.packets.append(packet)
                    block.sentBytes += packet.readableBytes
                    block.body.yield(packet)
                }
                openBlock = block
            }
        }
        openBlock = nil
        throw BlockStoreError(.io, "could not write a block of \(path) through \(Self.pipelineAttemptCountMax) pipelines: \(failures.joined(separator: "; "))")
    }
}
