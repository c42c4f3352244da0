import Cluster
import Foundation
import Hummingbird
import NIOCore

/// Routes a namenode request: `/webhdfs/v1/…`, `/rpc/<method>`, `/metrics`, and the status pages.
struct NameNodeHTTPHandler {
    let nameNode: NameNode

    func respond(to request: Request, context: BasicRequestContext) async -> Response {
        let path = request.uri.path
        do {
            if let webRequest = WebHDFSRequest(request) {
                nameNode.operationCount.increment()
                return try await WebHDFSNameNodeHandler(nameNode: nameNode).respond(to: webRequest, request: request)
            }
            if path.hasPrefix("/rpc/"), request.method == .post {
                nameNode.operationCount.increment()
                var body = request
                let bytes = try await body.collectBody(upTo: 256 << 20)
                let user = request.uri.queryParameters["user.name"].map(String.init) ?? WebHDFSNameNodeHandler.defaultWebUser
                return try await NameNodeRPCHandler(nameNode: nameNode, user: user)
                    .respond(method: String(path.dropFirst("/rpc/".count)), body: Data(bytes.readableBytesView))
            }
            if path == "/metrics" {
                return HTTPAnswers.bytes(MetricsRegistry.exposition(), contentType: MetricsRegistry.contentType)
            }
            if path == "/" || path == "/index.html" || path == "/explorer" {
                let browsed = request.uri.queryParameters["path"].map { HTTPText.percentDecode($0) } ?? "/"
                let page = NameNodeStatusPage(nameNode: nameNode).render(showing: path == "/explorer" ? browsed : nil)
                return HTTPAnswers.text(page, contentType: "text/html; charset=utf-8")
            }
            return HTTPAnswers.error(BlockStoreError(.unsupportedOperation, "no such resource on the namenode: \(request.method) \(path)"))
        } catch {
            return HTTPAnswers.error(error)
        }
    }
}

/// The namenode's `/rpc/<method>` calls from clients and datanodes.
struct NameNodeRPCHandler {
    let nameNode: NameNode
    let user: String

    private func decode<T: Decodable>(_ type: T.Type, _ body: Data) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw BlockStoreError(.illegalArgument, "malformed \(T.self) request: \(error)")
        }
    }

    func respond(method: String, body: Data) async throws -> Response {
        let namespace = nameNode.namespace
        let blocks = nameNode.blocks
        let safeMode = nameNode.safeMode
        switch method {
        case ClientProtocol.Method.create:
            let request = try decode(ClientProtocol.CreateRequest.self, body)
            try safeMode.checkWritable("create file \(request.path)")
            let created = try await namespace.createFile(
                request.path, overwrite: request.overwrite, replication: request.replication,
                blockSizeBytes: request.blockSizeBytes, permission: request.permission, user: user, clientName: request.clientName)
            blocks.removeBlocks(created.removedBlocks.map(\.blockID))
            return HTTPAnswers.json(
                ClientProtocol.OpenForWriteAnswer(
                    blockSizeBytes: created.status.blockSizeBytes, replication: created.status.replication, lengthBytes: 0))
        case ClientProtocol.Method.append:
            let request = try decode(ClientProtocol.AppendRequest.self, body)
            try safeMode.checkWritable("append to \(request.path)")
            let status = try await namespace.appendFile(request.path, user: user, clientName: request.clientName)
            return HTTPAnswers.json(
                ClientProtocol.OpenForWriteAnswer(blockSizeBytes: status.blockSizeBytes, replication: status.replication, lengthBytes: status.lengthBytes))
        case ClientProtocol.Method.addBlock:
            let request = try decode(ClientProtocol.AddBlockRequest.self, body)
            try safeMode.checkWritable("add a block to \(request.path)")
            namespace.renewLease(clientName: request.clientName)
            let replication = try namespace.status(request.path, user: user).replication
            let targets = try blocks.allocationTargets(
                replication: replication, writerHost: request.writerHost, excluded: Set(request.excludedDatanodeUUIDs), path: request.path)
            let allocated = try await namespace.allocateBlock(request.path, clientName: request.clientName, previous: request.previous)
            if let previous = request.previous { blocks.commitBlock(previous) }
            blocks.addBlock(allocated.block, expectedReplication: allocated.replication, isComplete: false)
            let offset = try namespace.blocks(of: request.path, user: user).blocks.dropLast().reduce(Int64(0)) { $0 + $1.lengthBytes }
            return HTTPAnswers.json(ClientProtocol.LocatedBlock(block: allocated.block, offsetBytes: offset, locations: targets))
        case ClientProtocol.Method.abandonBlock:
            let request = try decode(ClientProtocol.AbandonBlockRequest.self, body)
            try await namespace.abandonBlock(request.path, clientName: request.clientName, block: request.block)
            blocks.removeBlocks([request.block.blockID])
            return HTTPAnswers.json(ClientProtocol.Empty())
        case ClientProtocol.Method.complete:
            let request = try decode(ClientProtocol.CompleteRequest.self, body)
            try await namespace.completeFile(request.path, clientName: request.clientName, last: request.last)
            if let last = request.last { blocks.commitBlock(last) }
            return HTTPAnswers.json(ClientProtocol.Empty())
        case ClientProtocol.Method.getBlockLocations:
            let request = try decode(ClientProtocol.BlockLocationsRequest.self, body)
            return HTTPAnswers.json(try locatedBlocks(request.path, readerHost: request.readerHost))
        case ClientProtocol.Method.renewLease:
            let request = try decode(ClientProtocol.RenewLeaseRequest.self, body)
            namespace.renewLease(clientName: request.clientName)
            return HTTPAnswers.json(ClientProtocol.Empty())
        case ClientProtocol.Method.reportBadBlock:
            let request = try decode(ClientProtocol.BadBlockReport.self, body)
            nameNode.logger.warning("replica of \(request.block) on \(request.datanodeUUID) reported corrupt")
            blocks.reportCorruptReplica(blockID: request.block.blockID, datanodeUUID: request.datanodeUUID)
            return HTTPAnswers.json(ClientProtocol.Empty())
        case ClientProtocol.Method.fsck:
            let request = try decode(AdminProtocol.FsckRequest.self, body)
            return HTTPAnswers.json(try nameNode.fsck(request.path))
        case ClientProtocol.Method.report:
            return HTTPAnswers.json(nameNode.clusterReport())
        case DatanodeProtocol.Method.register:
            let info = try decode(DatanodeInfo.self, body)
            let registered = nameNode.datanodes.register(info)
            return HTTPAnswers.json(
                DatanodeProtocol.RegistrationAnswer(
                    heartbeatIntervalMillis: Int(nameNode.configuration.heartbeatIntervalMillis),
                    blockReportIntervalMillis: nameNode.configuration.blockReportIntervalMillis, rack: registered.rack))
        case DatanodeProtocol.Method.heartbeat:
            let heartbeat = try decode(DatanodeProtocol.Heartbeat.self, body)
            let commands = nameNode.datanodes.heartbeat(
                datanodeUUID: heartbeat.datanodeUUID, capacityBytes: heartbeat.capacityBytes, usedBytes: heartbeat.usedBytes,
                remainingBytes: heartbeat.remainingBytes, transfersInProgress: heartbeat.transfersInProgress)
            return HTTPAnswers.json(DatanodeProtocol.HeartbeatAnswer(commands: commands))
        case DatanodeProtocol.Method.blockReport:
            let report = try decode(DatanodeProtocol.BlockReport.self, body)
            _ = try blocks.processFullReport(datanodeUUID: report.datanodeUUID, replicas: report.replicas)
            safeMode.update(blocks.safeModeStatus(thresholdFraction: nameNode.configuration.safeModeThresholdFraction))
            return HTTPAnswers.json(ClientProtocol.Empty())
        case DatanodeProtocol.Method.blockReceivedAndDeleted:
            let report = try decode(DatanodeProtocol.BlockReceivedAndDeleted.self, body)
            for block in report.received {
                try blocks.blockReceived(datanodeUUID: report.datanodeUUID, block: block)
            }
            for blockID in report.deletedBlockIDs {
                blocks.blockDeleted(datanodeUUID: report.datanodeUUID, blockID: blockID)
            }
            return HTTPAnswers.json(ClientProtocol.Empty())
        default:
            throw BlockStoreError(.unsupportedOperation, "unknown namenode call \(method)")
        }
    }

    /// A file's blocks with their replicas, nearest to `readerHost` first.
    func locatedBlocks(_ path: String, readerHost: String?) throws -> ClientProtocol.LocatedBlocks {
        let file = try nameNode.namespace.blocks(of: path, user: user)
        var offset: Int64 = 0
        var located: [ClientProtocol.LocatedBlock] = []
        for (block, locations) in nameNode.blocks.locatedBlocks(file.blocks, readerHost: readerHost) {
            located.append(ClientProtocol.LocatedBlock(block: block, offsetBytes: offset, locations: locations))
            offset += block.lengthBytes
        }
        return ClientProtocol.LocatedBlocks(lengthBytes: offset, blocks: located, isUnderConstruction: file.isUnderConstruction)
    }
}
