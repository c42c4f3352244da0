import Foundation
import Hummingbird
import NIOCore

/// Builds the answers every block store node gives: JSON bodies, `RemoteException` errors with
/// Hadoop's names and statuses, empty answers and redirects.
public enum HTTPAnswers {
    public static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let bytes = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json", .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    public static func error(_ error: BlockStoreError) -> Response {
        json(WebHDFSEnvelope.RemoteExceptionAnswer(error), status: HTTPResponse.Status(code: error.kind.httpStatus))
    }

    /// Any error as a `RemoteException`: block store errors keep their kind, others are I/O or
    /// runtime failures.
    public static func error(_ error: any Error) -> Response {
        if let storeError = error as? BlockStoreError { return self.error(storeError) }
        return self.error(BlockStoreError(.io, "\(error)"))
    }

    public static func empty(status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentLength: "0"], body: ResponseBody())
    }

    public static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        let bytes = Array(text.utf8)
        return Response(
            status: status, headers: [.contentType: contentType, .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    public static func bytes(_ bytes: [UInt8], contentType: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType, .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// WebHDFS's 307 to a datanode (or `{"Location": …}` with `noredirect=true`).
    public static func redirect(to location: String, noRedirect: Bool) -> Response {
        if noRedirect { return json(WebHDFSEnvelope.LocationAnswer(location)) }
        return Response(status: .temporaryRedirect, headers: [.location: location, .contentLength: "0"], body: ResponseBody())
    }
}
