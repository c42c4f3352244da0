import SluiceCore

extension Table {
    /// Commits data files written elsewhere — by a job's tasks, by a stream sink — as one new
    /// version: adds `adding`, removes `removing`, and records an application's `txn` when given,
    /// with the same optimistic concurrency and checkpoints as the table's own writes.
    ///
    /// - Parameters:
    ///   - readSnapshot: the snapshot the files were prepared against; a commit that won the race
    ///     since is checked for conflicts.
    ///   - replacesWholeTable: the commit depends on every row of `readSnapshot` (an overwrite):
    ///     any concurrent data change is a conflict. Otherwise only the removal of a file this
    ///     commit removes, or a commit of the same application's transaction, is.
    ///   - afterVersion: the newest version the caller accounts for when newer than
    ///     `readSnapshot` (its own commits since): a writer that commits batch after batch need
    ///     not read the table again between them.
    ///   - operation: the `commitInfo` operation name (`WRITE`, `STREAMING UPDATE`, ...).
    /// - Throws: `SluiceError` with condition `.commitConflict` when a concurrent commit
    ///   contradicts this one; nothing is committed then and the caller owns the files.
    @discardableResult
    public func commitFiles(adding: [AddFile], removing: [AddFile], transaction: TransactionAction? = nil, readSnapshot: Snapshot,
                            afterVersion: Int64? = nil, replacesWholeTable: Bool = false, operation: String = "WRITE",
                            parameters: [String: JSONValue] = [:], metrics: [String: JSONValue] = [:]) throws -> CommitResult {
        let now = clock.nowMillis()
        var actions = adding.map { DeltaAction.add($0) }
        actions += removing.map { .remove(RemoveFile(removing: $0, at: now, dataChange: true)) }
        var intent = CommitIntent(operation: operation, readSnapshot: readSnapshot, isBlindAppend: removing.isEmpty && !replacesWholeTable)
        intent.readFiles = Set(removing.map { DeltaPath.decode($0.path) })
        if replacesWholeTable { intent.readPredicates = [] }
        if var transaction {
            transaction.lastUpdated = now
            actions.append(.transaction(transaction))
            intent.transaction = transaction
        }
        return try commit(actions, intent: intent, parameters: parameters, metrics: metrics, afterVersion: afterVersion)
    }
}
