import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Calls another node's `/rpc/<method>` with a JSON body and decodes the JSON answer.
///
/// Thread-safety: a value type over the shared connection pool; use from any task.
public struct JSONRPCClient: Sendable {
    /// `http://HOST:PORT` of the node called.
    public var baseURL: String
    public var timeoutSeconds: Int64

    public init(address: String, timeoutSeconds: Int64 = 30) {
        self.baseURL = address.hasPrefix("http") ? address : "http://\(address)"
        self.timeoutSeconds = timeoutSeconds
    }

    /// Posts `request` to `/rpc/<method>` and decodes the answer.
    /// - Throws: `RemoteCallError` when the node does not answer 2xx or cannot be reached;
    ///   `DecodingError` when the answer is not the expected JSON.
    public func call<Request: Encodable, Answer: Decodable>(
        _ method: String, _ request: Request, user: String? = nil, as answerType: Answer.Type
    ) async throws -> Answer {
        let body = try JSONEncoder().encode(request)
        var url = "\(baseURL)/rpc/\(method)"
        if let user { url += "?user.name=\(HTTPText.percentEncodeQueryValue(user))" }
        let answer = try await HTTPCall.send(method: .POST, url: url, body: [UInt8](body), timeoutSeconds: timeoutSeconds)
        return try JSONDecoder().decode(Answer.self, from: Data(answer))
    }
}

/// One buffered HTTP exchange, with failures as `RemoteCallError`.
public enum HTTPCall {
    /// Sends a request whose body is one buffer (block bytes) and returns the whole answer body.
    public static func sendBuffer(method: HTTPMethod, url: String, body: ByteBuffer, timeoutSeconds: Int64) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Content-Type", value: "application/octet-stream")
        request.body = .bytes(body)
        return try await exchange(request, url: url, timeoutSeconds: timeoutSeconds, answerBytesMax: 1 << 20)
    }

    /// Sends a request with an optional whole body and returns the whole answer body (2xx only).
    public static func send(
        method: HTTPMethod, url: String, body: [UInt8]? = nil, contentType: String = "application/json",
        headers: [(String, String)] = [], timeoutSeconds: Int64 = 30, answerBytesMax: Int = 64 << 20
    ) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return try await exchange(request, url: url, timeoutSeconds: timeoutSeconds, answerBytesMax: answerBytesMax)
    }

    private static func exchange(_ request: HTTPClientRequest, url: String, timeoutSeconds: Int64, answerBytesMax: Int) async throws -> [UInt8] {
        let response: HTTPClientResponse
        do {
            response = try await HTTPClientPool.shared.execute(request, timeout: .seconds(timeoutSeconds))
        } catch {
            throw RemoteCallError(status: nil, url: url, body: [], cause: "\(error)")
        }
        let collected: ByteBuffer
        do {
            collected = try await response.body.collect(upTo: answerBytesMax)
        } catch {
            throw RemoteCallError(status: nil, url: url, body: [], cause: "answer cut off: \(error)")
        }
        let bytes = Array(collected.readableBytesView)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw RemoteCallError(status: Int(response.status.code), url: url, body: bytes)
        }
        return bytes
    }
}
