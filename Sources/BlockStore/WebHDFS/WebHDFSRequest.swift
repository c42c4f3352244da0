import Cluster
import Hummingbird

/// A parsed `/webhdfs/v1/<path>?op=…` request: the decoded path, the operation, the caller and
/// the parameters, with WebHDFS's parsing rules (case-insensitive booleans, octal permissions).
public struct WebHDFSRequest: Sendable {
    public var path: String
    public var op: String
    /// `user.name`, or nil when the request names none.
    public var user: String?
    public var parameters: [String: String]

    /// - Returns: nil when the request is not under `/webhdfs/v1`.
    public init?(_ request: Request) {
        let rawPath = request.uri.path
        guard rawPath.hasPrefix(WebHDFSPaths.prefix) else { return nil }
        let rest = rawPath.dropFirst(WebHDFSPaths.prefix.count)
        var decoded = HTTPText.percentDecode(rest)
        if decoded.isEmpty { decoded = "/" }
        while decoded.count > 1 && decoded.hasSuffix("/") { decoded.removeLast() }
        while decoded.contains("//") { decoded = decoded.replacingOccurrences(of: "//", with: "/") }
        path = decoded
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            // HdfsCLI may send `user.name` twice after a redirect; the first one wins.
            let name = String(key).lowercased()
            if parameters[name] == nil { parameters[name] = String(value) }
        }
        self.parameters = parameters
        op = (parameters["op"] ?? "").uppercased()
        user = parameters["user.name"].flatMap { $0.isEmpty ? nil : $0 } ?? parameters["doas"]
    }

    public func string(_ name: String) -> String? { parameters[name.lowercased()] }

    /// A `true|false` parameter (any case, as Python clients send `True`).
    public func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
        guard let text = string(name) else { return defaultValue }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw BlockStoreError(.illegalArgument, "Invalid value for webhdfs parameter \"\(name)\": \(text) is not true or false")
        }
    }

    public func int64(_ name: String) throws -> Int64? {
        guard let text = string(name), !text.isEmpty else { return nil }
        guard let value = Int64(text) else {
            throw BlockStoreError(.illegalArgument, "Invalid value for webhdfs parameter \"\(name)\": \(text) is not a number")
        }
        return value
    }

    /// Octal permission bits, 0 to 1777.
    public func permission(_ name: String = "permission") throws -> UInt16? {
        guard let text = string(name), !text.isEmpty else { return nil }
        guard let value = UInt16(text, radix: 8), value <= 0o1777 else {
            throw BlockStoreError(.illegalArgument, "Invalid value for webhdfs parameter \"\(name)\": \(text) is not an octal permission from 0 to 1777")
        }
        return value
    }

    /// The caller, or the configured default when the request names none.
    public func caller(default defaultUser: String) -> String { user ?? defaultUser }
}
