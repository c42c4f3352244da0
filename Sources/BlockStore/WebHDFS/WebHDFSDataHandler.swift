import Hummingbird
import NIOCore

/// WebHDFS's data operations on a datanode, the second step after the namenode's 307: the
/// datanode writes or reads the file as a block store client (so the first replica of a CREATE
/// lands on it).
struct WebHDFSDataHandler {
    let dataNode: DataNode

    /// Hadoop's user for requests that name none (`hadoop.http.staticuser.user`).
    static let defaultWebUser = "dr.who"

    func respond(to webRequest: WebHDFSRequest, request: Request) async throws -> Response {
        let namenode = webRequest.string("namenoderpcaddress") ?? dataNode.configuration.namenodeAddress
        let client = DFSClient(
            namenodeAddress: namenode, user: webRequest.caller(default: Self.defaultWebUser), localHost: dataNode.configuration.host)
        switch (webRequest.op, request.method) {
        case ("CREATE", .put):
            let stream = try await client.create(
                webRequest.path, overwrite: try webRequest.bool("overwrite", default: false),
                replication: try webRequest.int64("replication").map(Int.init), blockSizeBytes: try webRequest.int64("blocksize"),
                permission: try webRequest.permission())
            try await copy(request.body, into: stream)
            return Response(
                status: .created, headers: [.location: "webhdfs://\(namenode)\(webRequest.path)", .contentLength: "0"], body: ResponseBody())
        case ("APPEND", .post):
            let stream = try await client.append(webRequest.path)
            try await copy(request.body, into: stream)
            return HTTPAnswers.empty()
        case ("OPEN", .get):
            let stream = try await client.open(webRequest.path)
            let offset = try webRequest.int64("offset") ?? 0
            guard offset >= 0, offset <= stream.lengthBytes else {
                throw BlockStoreError(.illegalArgument, "Offset=\(offset) out of the range [0, \(stream.lengthBytes)); OPEN, path=\(webRequest.path)")
            }
            let length = min(try webRequest.int64("length") ?? (stream.lengthBytes - offset), stream.lengthBytes - offset)
            let body = ResponseBody(contentLength: Int(length)) { writer in
                try await stream.stream(offset: offset, length: length) { piece in try await writer.write(piece) }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: body)
        case ("GETFILECHECKSUM", .get):
            return HTTPAnswers.json(WebHDFSEnvelope.FileChecksumAnswer(try await client.fileChecksum(webRequest.path)))
        default:
            throw BlockStoreError(.unsupportedOperation, "\(webRequest.op) is not a datanode operation (method \(request.method))")
        }
    }

    private func copy(_ body: RequestBody, into stream: DFSOutputStream) async throws {
        for try await piece in body {
            var remaining = piece
            while remaining.readableBytes > 0 {
                let taken = remaining.withUnsafeReadableBytes { stream.append($0) }
                remaining.moveReaderIndex(forwardBy: taken)
                try await stream.sendReady()
            }
        }
        try await stream.close()
    }
}
