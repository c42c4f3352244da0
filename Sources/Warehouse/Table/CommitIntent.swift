import SluiceCore

/// What a commit read and what it changes: enough to decide, when another writer committed
/// first, whether this commit can simply take the next version or must fail.
struct CommitIntent {
    var operation: String
    /// The snapshot the commit was prepared against.
    var readSnapshot: Snapshot
    /// Only adds new data, read nothing: it commutes with any other data change.
    var isBlindAppend: Bool
    /// Data files (decoded paths) the commit read or rewrites; a concurrent removal of any of
    /// them is a conflict.
    var readFiles: Set<String> = []
    /// The rows the commit depends on: a concurrent add that may hold such rows is a conflict.
    /// `nil` when new files do not matter (compaction); `[]` means the whole table (overwrite).
    var readPredicates: [ColumnPredicate]?
    var transaction: TransactionAction?

    /// Throws the conflict, if any, with a commit that won the race.
    func checkConflicts(with winner: [DeltaAction], winnerVersion: Int64) throws {
        for action in winner {
            switch action {
            case .metadata, .protocolVersions:
                throw conflict("version \(winnerVersion) changed the table's schema, properties or protocol")
            case .transaction(let other) where other.appId == transaction?.appId:
                throw conflict("application '\(other.appId)' committed its batch \(other.version) in version \(winnerVersion)")
            case .remove(let removed) where !isBlindAppend && readFiles.contains(DeltaPath.decode(removed.path)):
                throw conflict("version \(winnerVersion) removed \(DeltaPath.decode(removed.path)), which this \(operation) read")
            case .add(let added) where !isBlindAppend && added.dataChange:
                if let predicates = readPredicates, readSnapshot.fileMayMatch(added, predicates) {
                    throw conflict("version \(winnerVersion) added rows this \(operation) would have read (\(added.path))")
                }
            default:
                continue
            }
        }
    }

    private func conflict(_ reason: String) -> SluiceError {
        SluiceError(.userInput, "concurrent commit conflict in \(operation): \(reason); retry the operation", condition: .commitConflict)
    }
}

/// What a commit did.
public struct CommitResult: Sendable, Equatable {
    public var version: Int64
    public var addedFiles: Int
    public var removedFiles: Int
    public var metrics: [String: JSONValue]
}
