import Cluster
import Foundation

/// Turns a failed call to a block store node into the block store error the node meant.
enum RemoteFailure {
    static func blockStoreError(_ error: any Error, calling role: String) -> any Error {
        guard let remote = error as? RemoteCallError else { return error }
        guard let status = remote.status else {
            return BlockStoreError(.io, "cannot reach the \(role) (\(remote.url)): \(remote.cause ?? "no answer")")
        }
        if let answer = try? JSONDecoder().decode(WebHDFSEnvelope.RemoteExceptionAnswer.self, from: Data(remote.body)),
            let kind = BlockStoreError.Kind(rawValue: answer.RemoteException.exception)
        {
            return BlockStoreError(kind, answer.RemoteException.message)
        }
        return BlockStoreError(.io, "the \(role) answered HTTP \(status): \(String(decoding: remote.body.prefix(300), as: UTF8.self))")
    }
}
