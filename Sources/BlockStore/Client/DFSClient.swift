import AsyncHTTPClient
import Cluster
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A client of the block store: metadata through the namenode's WebHDFS API, file bytes straight
/// to and from datanodes (write pipeline, reads with failover between replicas).
///
/// Thread-safety: immutable; share one client between tasks. Each open stream has one user.
public final class DFSClient: Sendable {
    /// `HOST:PORT` of the namenode's HTTP server.
    public let namenodeAddress: String
    public let user: String
    /// Names this client's leases; unique per client.
    public let clientName: String
    /// This machine's address as datanodes register it, so placement can put the first replica
    /// here and reads prefer a local replica.
    public let localHost: String?
    let logger = Logger(label: "sluice.dfs.client")

    public init(namenodeAddress: String, user: String = BlockStoreUser.current(), clientName: String? = nil, localHost: String? = "127.0.0.1") {
        self.namenodeAddress = namenodeAddress
        self.user = user
        self.clientName = clientName ?? "sluice-client-\(UInt64.random(in: 0...UInt64.max))"
        self.localHost = localHost
    }

    // MARK: Metadata (WebHDFS)

    /// Calls a WebHDFS operation on the namenode and returns the answer body.
    func webHDFS(_ method: HTTPMethod, _ path: String, op: String, _ parameters: [(String, String)] = []) async throws -> [UInt8] {
        var url = "http://\(namenodeAddress)\(WebHDFSPaths.prefix)\(HTTPText.percentEncodePath(path))?op=\(op)"
        url += "&user.name=\(HTTPText.percentEncodeQueryValue(user))"
        for (name, value) in parameters {
            url += "&\(name)=\(HTTPText.percentEncodeQueryValue(value))"
        }
        do {
            return try await HTTPCall.send(method: method, url: url)
        } catch {
            throw RemoteFailure.blockStoreError(error, calling: "namenode")
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw BlockStoreError(.io, "the namenode answered with JSON this client does not understand: \(error)")
        }
    }

    /// Facts about one path.
    /// - Throws: `BlockStoreError` `.fileNotFound` when nothing is there.
    public func status(_ path: String) async throws -> WebHDFSFileStatus {
        try decode(WebHDFSEnvelope.FileStatusAnswer.self, try await webHDFS(.GET, path, op: "GETFILESTATUS")).FileStatus
    }

    /// The entries of a directory (a file lists itself, with an empty `pathSuffix`).
    public func list(_ path: String) async throws -> [WebHDFSFileStatus] {
        try decode(WebHDFSEnvelope.FileStatusesAnswer.self, try await webHDFS(.GET, path, op: "LISTSTATUS")).FileStatuses.FileStatus
    }

    @discardableResult
    public func makeDirectories(_ path: String, permission: UInt16? = nil) async throws -> Bool {
        let parameters = permission.map { [("permission", String($0, radix: 8))] } ?? []
        return try decode(WebHDFSEnvelope.BooleanAnswer.self, try await webHDFS(.PUT, path, op: "MKDIRS", parameters)).boolean
    }

    /// HDFS rename: false when the source is missing or the destination is an existing file.
    public func rename(_ source: String, to destination: String) async throws -> Bool {
        try decode(WebHDFSEnvelope.BooleanAnswer.self, try await webHDFS(.PUT, source, op: "RENAME", [("destination", destination)])).boolean
    }

    /// Deletes a path; false when nothing was there.
    @discardableResult
    public func delete(_ path: String, recursive: Bool) async throws -> Bool {
        try decode(WebHDFSEnvelope.BooleanAnswer.self, try await webHDFS(.DELETE, path, op: "DELETE", [("recursive", recursive ? "true" : "false")])).boolean
    }

    @discardableResult
    public func setReplication(_ path: String, _ replication: Int) async throws -> Bool {
        try decode(WebHDFSEnvelope.BooleanAnswer.self, try await webHDFS(.PUT, path, op: "SETREPLICATION", [("replication", String(replication))])).boolean
    }

    public func setPermission(_ path: String, _ permission: UInt16) async throws {
        _ = try await webHDFS(.PUT, path, op: "SETPERMISSION", [("permission", String(permission, radix: 8))])
    }

    public func setOwner(_ path: String, owner: String?, group: String?) async throws {
        var parameters: [(String, String)] = []
        if let owner { parameters.append(("owner", owner)) }
        if let group { parameters.append(("group", group)) }
        _ = try await webHDFS(.PUT, path, op: "SETOWNER", parameters)
    }

    public func contentSummary(_ path: String) async throws -> WebHDFSEnvelope.ContentSummary {
        try decode(WebHDFSEnvelope.ContentSummaryAnswer.self, try await webHDFS(.GET, path, op: "GETCONTENTSUMMARY")).ContentSummary
    }

    // MARK: Namenode RPC

    func rpc<Request: Encodable & Sendable, Answer: Decodable>(_ method: String, _ request: Request, as answer: Answer.Type) async throws -> Answer {
        do {
            return try await JSONRPCClient(address: namenodeAddress).call(method, request, user: user, as: Answer.self)
        } catch {
            throw RemoteFailure.blockStoreError(error, calling: "namenode")
        }
    }

    // MARK: Data

    /// Creates a file and holds its lease until the stream closes.
    public func create(
        _ path: String, overwrite: Bool, replication: Int? = nil, blockSizeBytes: Int64? = nil, permission: UInt16? = nil
    ) async throws -> DFSOutputStream {
        let request = ClientProtocol.CreateRequest(
            path: path, overwrite: overwrite, replication: replication, blockSizeBytes: blockSizeBytes,
            permission: permission, clientName: clientName)
        let answer = try await rpc(ClientProtocol.Method.create, request, as: ClientProtocol.OpenForWriteAnswer.self)
        return DFSOutputStream(client: self, path: path, blockSizeBytes: Int(answer.blockSizeBytes), startLengthBytes: answer.lengthBytes)
    }

    /// Reopens a closed file to add bytes at its end (in new blocks).
    public func append(_ path: String) async throws -> DFSOutputStream {
        let answer = try await rpc(
            ClientProtocol.Method.append, ClientProtocol.AppendRequest(path: path, clientName: clientName), as: ClientProtocol.OpenForWriteAnswer.self)
        return DFSOutputStream(client: self, path: path, blockSizeBytes: Int(answer.blockSizeBytes), startLengthBytes: answer.lengthBytes)
    }

    /// Opens a file for reads; block locations are fetched once here.
    public func open(_ path: String) async throws -> DFSInputStream {
        let located = try await rpc(
            ClientProtocol.Method.getBlockLocations, ClientProtocol.BlockLocationsRequest(path: path, readerHost: localHost),
            as: ClientProtocol.LocatedBlocks.self)
        return DFSInputStream(client: self, path: path, located: located)
    }

    /// Tells the namenode a replica is corrupt so it is replaced.
    func reportBadBlock(_ block: ExtendedBlock, on datanode: DatanodeInfo) async {
        let report = ClientProtocol.BadBlockReport(block: block, datanodeUUID: datanode.datanodeUUID)
        _ = try? await rpc(ClientProtocol.Method.reportBadBlock, report, as: ClientProtocol.Empty.self)
    }

    /// The whole file's CRC-32C (HDFS's `COMPOSITE-CRC32C` file checksum): each block's replica
    /// continues the checksum of the blocks before it.
    public func fileChecksum(_ path: String) async throws -> WebHDFSEnvelope.FileChecksum {
        let stream = try await open(path)
        var crc: UInt32 = 0
        for located in stream.located.blocks {
            var answered = false
            for location in located.locations {
                let url = "http://\(location.address)\(DataTransferProtocol.blockChecksumPath(located.block.blockID))?continuing=\(crc)"
                if let bytes = try? await HTTPCall.send(method: .GET, url: url),
                    let answer = try? JSONDecoder().decode(DataTransferProtocol.ReplicaChecksum.self, from: Data(bytes))
                {
                    crc = answer.crc32c
                    answered = true
                    break
                }
            }
            guard answered else { throw BlockStoreError(.notEnoughReplicas, "Could not obtain block: \(located.block) file=\(path)") }
        }
        let hex = String(crc, radix: 16)
        return WebHDFSEnvelope.FileChecksum(algorithm: "COMPOSITE-CRC32C", bytes: String(repeating: "0", count: 8 - hex.count) + hex, length: 4)
    }
}

/// Where WebHDFS lives on every node.
public enum WebHDFSPaths {
    public static let prefix = "/webhdfs/v1"
}

extension DFSClient {
    /// Live, stale and dead datanodes, block counts, safemode, MTBF and MTTR.
    public func clusterReport() async throws -> AdminProtocol.ClusterReport {
        try await rpc(ClientProtocol.Method.report, ClientProtocol.Empty(), as: AdminProtocol.ClusterReport.self)
    }

    /// Every file under `path` with its blocks' live and corrupt replicas.
    public func fsck(_ path: String) async throws -> AdminProtocol.FsckReport {
        try await rpc(ClientProtocol.Method.fsck, AdminProtocol.FsckRequest(path: path), as: AdminProtocol.FsckReport.self)
    }
}
