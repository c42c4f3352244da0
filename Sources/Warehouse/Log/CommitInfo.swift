/// The `commitInfo` action: who did what and when, for `history`. Free-form in the protocol;
/// these are the conventional keys, and others are kept as they were read.
public struct CommitInfo: Sendable, Equatable, Codable {
    /// Milliseconds since the epoch.
    public var timestamp: Int64?
    public var operation: String?
    public var operationParameters: [String: JSONValue]?
    public var operationMetrics: [String: JSONValue]?
    public var readVersion: Int64?
    public var isBlindAppend: Bool?
    public var engineInfo: String?

    public init(timestamp: Int64?, operation: String?, operationParameters: [String: JSONValue]? = nil,
                operationMetrics: [String: JSONValue]? = nil, readVersion: Int64? = nil, isBlindAppend: Bool? = nil,
                engineInfo: String? = "Sluice/0.1.0") {
        self.timestamp = timestamp
        self.operation = operation
        self.operationParameters = operationParameters
        self.operationMetrics = operationMetrics
        self.readVersion = readVersion
        self.isBlindAppend = isBlindAppend
        self.engineInfo = engineInfo
    }
}
