/// The `txn` action: the last batch an application committed, which makes its writes idempotent
/// (a replayed batch whose version is not newer is skipped).
public struct TransactionAction: Sendable, Equatable, Codable {
    public var appId: String
    public var version: Int64
    public var lastUpdated: Int64?

    public init(appId: String, version: Int64, lastUpdated: Int64? = nil) {
        self.appId = appId
        self.version = version
        self.lastUpdated = lastUpdated
    }
}
