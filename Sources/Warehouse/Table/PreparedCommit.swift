import SluiceCore

/// A commit whose data files are written but not yet published. Operations that rewrite files
/// prepare one against a snapshot and then commit it; keeping the two steps apart lets two
/// operations be prepared against the same snapshot, which is how a race between them looks.
///
/// Not thread-safe; commit at most once.
struct PreparedCommit {
    let table: Table
    var actions: [DeltaAction]
    var intent: CommitIntent
    var parameters: [String: JSONValue]
    var metrics: [String: JSONValue]
    /// Files written for this commit; deleted when it does not happen.
    var writtenFiles: [AddFile]

    /// Publishes the commit (see `Table.commit`).
    /// - Throws: `SluiceError` with condition `.commitConflict` when a concurrent commit changed
    ///   what this one depends on; the written files are deleted then.
    func commit() throws -> CommitResult {
        do {
            return try table.commit(actions, intent: intent, parameters: parameters, metrics: metrics)
        } catch {
            table.deleteDataFiles(writtenFiles)
            throw error
        }
    }

    /// Gives up: deletes the written files; the table is unchanged.
    func abandon() {
        table.deleteDataFiles(writtenFiles)
    }
}
