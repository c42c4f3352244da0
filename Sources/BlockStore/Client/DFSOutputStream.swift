import Cluster
import Foundation
import Logging
import NIOCore

/// A file being written: bytes are gathered into a block, and each full block goes through a
/// pipeline of datanodes the namenode picks. A datanode that fails during a block is excluded and
/// the block is sent again through a new pipeline; downstream nodes that fail are dropped and the
/// namenode restores the replication later.
///
/// Thread-safety: one writer; not shared between tasks.
public final class DFSOutputStream: @unchecked Sendable {
    // Sendable: used by one task at a time (the writer), like a file handle.
    let client: DFSClient
    public let path: String
    public let blockSizeBytes: Int
    private var buffer: [UInt8] = []
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
    /// Renews the lease while the file is open, like HDFS's lease renewer, so a slow writer
    /// keeps its file; it stops at close or when the stream is dropped.
    private let leaseRenewal: Task<Void, Never>
    static let leaseRenewalIntervalMillis = 20_000

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

    deinit { leaseRenewal.cancel() }

    /// Copies as much of `bytes` as fits in the current block; returns how many were taken.
    /// When the block is full (`isBlockFull`), call `sendFullBlock()` before appending more.
    public func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        let room = blockSizeBytes - buffer.count
        let taken = min(room, bytes.count)
        if taken > 0 {
            if buffer.capacity < blockSizeBytes { buffer.reserveCapacity(min(blockSizeBytes, max(buffer.count + taken, buffer.capacity * 2))) }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<taken]))
            position += Int64(taken)
        }
        return taken
    }

    public var isBlockFull: Bool { buffer.count >= blockSizeBytes }

    /// Sends the gathered bytes as one block when the block is full.
    public func sendFullBlock() async throws {
        guard isBlockFull else { return }
        try await sendBlock()
    }

    /// Writes bytes, sending blocks as they fill.
    public func write(_ bytes: [UInt8]) async throws {
        var offset = 0
        while offset < bytes.count {
            let taken = bytes.withUnsafeBytes { append(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            offset += taken
            try await sendFullBlock()
        }
    }

    /// Sends the last block and closes the file at the namenode (releasing the lease).
    public func close() async throws {
        guard !isClosed else { return }
        if !buffer.isEmpty { try await sendBlock() }
        let request = ClientProtocol.CompleteRequest(path: path, clientName: client.clientName, last: previous)
        _ = try await client.rpc(ClientProtocol.Method.complete, request, as: ClientProtocol.Empty.self)
        isClosed = true
        leaseRenewal.cancel()
    }

    private func sendBlock() async throws {
        let data = ByteBuffer(bytes: buffer)
        var failures: [String] = []
        for _ in 0..<Self.pipelineAttemptCountMax {
            let request = ClientProtocol.AddBlockRequest(
                path: path, clientName: client.clientName, previous: previous,
                excludedDatanodeUUIDs: excludedDatanodeUUIDs, writerHost: client.localHost)
            let located = try await client.rpc(ClientProtocol.Method.addBlock, request, as: ClientProtocol.LocatedBlock.self)
            guard let first = located.locations.first else {
                throw BlockStoreError(.notEnoughReplicas, "no datanode to write \(located.block) of \(path)")
            }
            let downstream = located.locations.dropFirst().map(\.address).joined(separator: ",")
            let url = "http://\(first.address)\(DataTransferProtocol.blockPath(located.block.blockID))"
                + "?generation=\(located.block.generationStamp)&targets=\(downstream)"
            do {
                let answer = try await HTTPCall.sendBuffer(method: .PUT, url: url, body: data, timeoutSeconds: 300)
                let ack = try JSONDecoder().decode(DataTransferProtocol.PipelineAck.self, from: Data(answer))
                if !ack.failedAddresses.isEmpty {
                    client.logger.warning("pipeline for \(ack.block) of \(path) lost \(ack.failedAddresses.joined(separator: ", ")); the namenode will restore replication")
                }
                previous = ack.block
                buffer.removeAll(keepingCapacity: true)
                return
            } catch {
                failures.append("\(first.address): \(error)")
                excludedDatanodeUUIDs.append(first.datanodeUUID)
                pipelineRecoveryCount += 1
                client.logger.warning("pipeline for \(located.block) of \(path) failed at \(first.address): \(error); retrying without it")
                let abandon = ClientProtocol.AbandonBlockRequest(path: path, clientName: client.clientName, block: located.block)
                _ = try? await client.rpc(ClientProtocol.Method.abandonBlock, abandon, as: ClientProtocol.Empty.self)
            }
        }
        throw BlockStoreError(.io, "could not write a block of \(path) through \(Self.pipelineAttemptCountMax) pipelines: \(failures.joined(separator: "; "))")
    }
}
