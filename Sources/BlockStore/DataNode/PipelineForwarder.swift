import AsyncHTTPClient
import Cluster
import Foundation
import NIOCore

/// Sends a block's bytes on to the next datanode of a write pipeline while they arrive, and
/// collects that datanode's acknowledgement (which covers the nodes after it).
///
/// Thread-safety: `send` and `fail`/`finish` are called by the one task receiving the block.
final class PipelineForwarder: Sendable {
    private let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation
    private let answer: Task<DataTransferProtocol.PipelineAck, any Error>

    init(blockID: UInt64, generation: UInt64, next: String, rest: [String]) {
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        self.continuation = continuation
        let url = "http://\(next)\(DataTransferProtocol.blockPath(blockID))?generation=\(generation)&targets=\(rest.joined(separator: ","))"
        answer = Task {
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
            let body = Array(try await response.body.collect(upTo: 1 << 20).readableBytesView)
            guard response.status.code == 201 || response.status.code == 200 else {
                throw RemoteCallError(status: Int(response.status.code), url: url, body: body)
            }
            return try JSONDecoder().decode(DataTransferProtocol.PipelineAck.self, from: Data(body))
        }
    }

    func send(_ piece: ByteBuffer) {
        continuation.yield(piece)
    }

    /// Cuts the downstream write so the next nodes drop their partial replica.
    func fail(_ error: any Error) {
        continuation.finish(throwing: error)
        answer.cancel()
    }

    /// Ends the body and waits for the downstream acknowledgement.
    func finish() async -> Result<DataTransferProtocol.PipelineAck, any Error> {
        continuation.finish()
        return await answer.result
    }
}
