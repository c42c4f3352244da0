import AsyncHTTPClient
import Cluster
import NIOCore
import NIOHTTP1

/// One HTTP exchange with a broker over the process's pooled client, keeping the answer's
/// status and headers (a fetch's offsets travel in headers).
enum BrokerExchange {
    struct Answer: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Sends the request (naming the client when `clientId` is given) and returns the answer,
    /// whatever its status.
    /// - Throws: `RemoteCallError` with no status when the broker cannot be reached or the
    ///   answer is cut off.
    static func send(
        method: HTTPMethod, url: String, body: [UInt8]?, contentType: String?, accept: String?, timeoutSeconds: Int64,
        answerBytesMax: Int, clientId: String? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let clientId { request.headers.add(name: BrokerWire.clientIdHeaderName, value: clientId) }
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType ?? "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClientPool.shared.execute(request, timeout: .seconds(timeoutSeconds))
        } catch {
            throw RemoteCallError(status: nil, url: url, body: [], cause: "\(error)")
        }
        do {
            let collected = try await response.body.collect(upTo: answerBytesMax)
            return Answer(status: Int(response.status.code), headers: response.headers, body: Array(collected.readableBytesView))
        } catch {
            throw RemoteCallError(status: nil, url: url, body: [], cause: "answer cut off: \(error)")
        }
    }
}
