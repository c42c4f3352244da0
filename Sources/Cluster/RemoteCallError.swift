/// A call to another node answered with a status that is not 2xx, or did not get through.
/// The caller decodes `body` (the block store's `RemoteException` JSON, for instance).
public struct RemoteCallError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status, or nil when no answer came (refused, reset, timed out).
    public var status: Int?
    public var url: String
    public var body: [UInt8]
    /// The transport error's text when no answer came.
    public var cause: String?
    /// How long the node asked the caller to wait before trying again (429, 503), in
    /// milliseconds; `RetryPolicy` waits at least this long.
    public var retryAfterMillis: Int64?

    public init(status: Int?, url: String, body: [UInt8], cause: String? = nil, retryAfterMillis: Int64? = nil) {
        self.status = status
        self.url = url
        self.body = body
        self.cause = cause
        self.retryAfterMillis = retryAfterMillis
    }

    /// Whether the node was unreachable rather than refusing the request.
    public var isUnreachable: Bool { status == nil }

    public var description: String {
        if let status {
            return "HTTP \(status) from \(url): \(String(decoding: body.prefix(500), as: UTF8.self))"
        }
        return "no answer from \(url): \(cause ?? "connection failed")"
    }
}
