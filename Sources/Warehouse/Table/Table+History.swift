import SluiceCore

/// One version in a table's history.
public struct HistoryEntry: Sendable, Equatable {
    public var version: Int64
    public var timestampMillis: Int64
    public var operation: String
    public var parameters: [String: JSONValue]
    public var metrics: [String: JSONValue]
    public var readVersion: Int64?
    public var isBlindAppend: Bool?
}

extension Table {
    /// Every version still in the log, newest first, with its operation, time and metrics.
    public func history(limit: Int? = nil) throws -> [HistoryEntry] {
        var versions = try log.list().commitVersions.reversed().map { $0 }
        if let limit { versions = Array(versions.prefix(limit)) }
        return try versions.map { version in
            var entry = HistoryEntry(version: version, timestampMillis: 0, operation: "UNKNOWN", parameters: [:], metrics: [:])
            for action in try log.readCommit(version) {
                guard case .commitInfo(let info) = action else { continue }
                entry.timestampMillis = info.timestamp ?? 0
                entry.operation = info.operation ?? "UNKNOWN"
                entry.parameters = info.operationParameters ?? [:]
                entry.metrics = info.operationMetrics ?? [:]
                entry.readVersion = info.readVersion
                entry.isBlindAppend = info.isBlindAppend
            }
            if entry.timestampMillis == 0 {
                entry.timestampMillis = (try? fileSystem.status(log.commitPath(version)).modificationTimeMillis) ?? 0
            }
            return entry
        }
    }
}
