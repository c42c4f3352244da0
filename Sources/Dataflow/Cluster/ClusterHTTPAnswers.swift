import Cluster
import Foundation
import Hummingbird
import NIOCore
import SluiceCore

/// The answers the coordinator and workers give: JSON bodies, raw bytes, and errors as
/// `{"fault": ..., "message": ...}` with 400 for the caller's mistakes and 500 otherwise.
enum ClusterHTTPAnswers {
    struct ErrorBody: Codable {
        var fault: String
        var message: String
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let bytes = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json", .contentLength: String(bytes.count)],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func bytes(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/octet-stream", .contentLength: String(bytes.count)],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func error(_ error: any Error) -> Response {
        let sluiceError = error as? SluiceError ?? SluiceError.internal("\(error)")
        let status: HTTPResponse.Status = sluiceError.fault == .userInput ? .badRequest : (sluiceError.condition == .notFound ? .notFound : .internalServerError)
        return json(ErrorBody(fault: sluiceError.fault.rawValue, message: sluiceError.message), status: status)
    }

    /// The `SluiceError` a failed call carries: the answer's error body when there is one.
    static func sluiceError(from error: any Error, calling what: String) -> SluiceError {
        if let remote = error as? RemoteCallError, let body = try? JSONDecoder().decode(ErrorBody.self, from: Data(remote.body)) {
            let fault = SluiceError.Fault(rawValue: body.fault) ?? .internal
            return SluiceError(fault, body.message)
        }
        if let error = error as? SluiceError { return error }
        return SluiceError.io("\(what): \(error)")
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 30)
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw SluiceError.userInput("malformed \(T.self): \(error)")
        }
    }
}
