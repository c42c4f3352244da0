import Cluster
import Hummingbird

/// WebHDFS on the namenode: metadata operations answered here, data operations (CREATE, APPEND,
/// OPEN, GETFILECHECKSUM) redirected with 307 to a datanode, which does the bytes.
struct WebHDFSNameNodeHandler {
    let nameNode: NameNode

    /// Hadoop's user for requests that name none (`hadoop.http.staticuser.user`).
    static let defaultWebUser = "dr.who"

    func respond(to webRequest: WebHDFSRequest, request: Request) async throws -> Response {
        let namespace = nameNode.namespace
        let user = webRequest.caller(default: Self.defaultWebUser)
        let path = webRequest.path
        let safeMode = nameNode.safeMode
        switch (webRequest.op, request.method) {
        case ("GETFILESTATUS", .get):
            return HTTPAnswers.json(WebHDFSEnvelope.FileStatusAnswer(WebHDFSFileStatus(try namespace.status(path, user: user))))
        case ("LISTSTATUS", .get):
            let entries = try namespace.list(path, user: user).map(WebHDFSFileStatus.init)
            return HTTPAnswers.json(WebHDFSEnvelope.FileStatusesAnswer(entries))
        case ("GETCONTENTSUMMARY", .get):
            let summary = try namespace.contentSummary(path, user: user)
            return HTTPAnswers.json(
                WebHDFSEnvelope.ContentSummaryAnswer(
                    WebHDFSEnvelope.ContentSummary(
                        directoryCount: summary.directoryCount, fileCount: summary.fileCount, length: summary.lengthBytes,
                        spaceConsumed: summary.spaceConsumedBytes)))
        case ("GETHOMEDIRECTORY", .get):
            return HTTPAnswers.json(WebHDFSEnvelope.PathAnswer("/user/\(user)"))
        case ("GETTRASHROOT", .get):
            return HTTPAnswers.json(WebHDFSEnvelope.PathAnswer("/user/\(user)/.Trash"))
        case ("MKDIRS", .put):
            try safeMode.checkWritable("create directory \(path)")
            return HTTPAnswers.json(WebHDFSEnvelope.BooleanAnswer(try await namespace.mkdirs(path, permission: try webRequest.permission(), user: user)))
        case ("RENAME", .put):
            guard let destination = webRequest.string("destination"), destination.hasPrefix("/") else {
                throw BlockStoreError(.illegalArgument, "Invalid value for webhdfs parameter \"destination\": it must be an absolute path")
            }
            try safeMode.checkWritable("rename \(path)")
            if webRequest.string("renameoptions")?.uppercased() == "OVERWRITE",
                let existing = try? namespace.status(destination, user: user), !existing.isDirectory
            {
                let deleted = try await namespace.delete(destination, recursive: false, user: user)
                nameNode.blocks.removeBlocks(deleted.removedBlocks.map(\.blockID))
            }
            return HTTPAnswers.json(WebHDFSEnvelope.BooleanAnswer(try await namespace.rename(from: path, to: destination, user: user)))
        case ("DELETE", .delete):
            try safeMode.checkWritable("delete \(path)")
            let deleted = try await namespace.delete(path, recursive: try webRequest.bool("recursive", default: false), user: user)
            nameNode.blocks.removeBlocks(deleted.removedBlocks.map(\.blockID))
            return HTTPAnswers.json(WebHDFSEnvelope.BooleanAnswer(deleted.deleted))
        case ("SETREPLICATION", .put):
            try safeMode.checkWritable("set replication for \(path)")
            guard let replication = try webRequest.int64("replication") else {
                throw BlockStoreError(.illegalArgument, "SETREPLICATION needs the replication parameter")
            }
            let changed = try await namespace.setReplication(path, replication: Int(replication), user: user)
            if changed.isFile {
                nameNode.blocks.setExpectedReplication(blockIDs: changed.blocks.map(\.blockID), replication: Int(replication))
            }
            return HTTPAnswers.json(WebHDFSEnvelope.BooleanAnswer(changed.isFile))
        case ("SETPERMISSION", .put):
            try safeMode.checkWritable("set permission for \(path)")
            try await namespace.setPermission(path, permission: try webRequest.permission() ?? 0o755, user: user)
            return HTTPAnswers.empty()
        case ("SETOWNER", .put):
            try safeMode.checkWritable("set owner for \(path)")
            try await namespace.setOwner(path, owner: webRequest.string("owner"), group: webRequest.string("group"), user: user)
            return HTTPAnswers.empty()
        case ("SETTIMES", .put):
            try safeMode.checkWritable("set times for \(path)")
            let modification = try webRequest.int64("modificationtime").flatMap { $0 < 0 ? nil : $0 }
            let access = try webRequest.int64("accesstime").flatMap { $0 < 0 ? nil : $0 }
            try await namespace.setTimes(path, modificationTimeMillis: modification, accessTimeMillis: access, user: user)
            return HTTPAnswers.empty()
        case ("CREATE", .put), ("APPEND", .post), ("OPEN", .get), ("GETFILECHECKSUM", .get):
            return try redirectToDatanode(webRequest, request: request, user: user)
        default:
            throw BlockStoreError(.illegalArgument, "Invalid value for webhdfs parameter \"op\": \(webRequest.op) with method \(request.method)")
        }
    }

    /// The 307 of WebHDFS's two-step data operations: reads go to a datanode holding the first
    /// block asked for, writes to any live datanode.
    private func redirectToDatanode(_ webRequest: WebHDFSRequest, request: Request, user: String) throws -> Response {
        var target: DatanodeInfo?
        if webRequest.op == "OPEN" || webRequest.op == "GETFILECHECKSUM" {
            let located = try NameNodeRPCHandler(nameNode: nameNode, user: user).locatedBlocks(webRequest.path, readerHost: nil)
            let offset = try webRequest.int64("offset") ?? 0
            let holding = located.blocks.first { $0.offsetBytes + $0.block.lengthBytes > offset } ?? located.blocks.first
            target = holding?.locations.first
        } else {
            try nameNode.safeMode.checkWritable("\(webRequest.op.lowercased()) \(webRequest.path)")
        }
        if target == nil { target = nameNode.datanodes.liveNodes().randomElement() }
        guard let target else {
            throw BlockStoreError(.io, "Failed to find datanode, suggest to check cluster health.")
        }
        var location = "http://\(target.address)\(WebHDFSPaths.prefix)\(HTTPText.percentEncodePath(webRequest.path))?"
        location += request.uri.query ?? "op=\(webRequest.op)"
        location += "&namenoderpcaddress=\(nameNode.address)"
        return HTTPAnswers.redirect(to: location, noRedirect: try webRequest.bool("noredirect", default: false))
    }
}
