import SluiceCore

extension Table {
    /// How many lost races a commit retries before giving up: far more than concurrent
    /// writers of one table ever produce, but bounded.
    static let commitAttemptsMax = 10_000

    /// Commits `actions` at the first free version after the read snapshot, re-checking each
    /// winning commit for conflicts (optimistic concurrency).
    /// - Throws: `SluiceError` with condition `.commitConflict` when a concurrent commit changed
    ///   what this one depends on. Nothing is committed then.
    /// - Parameter afterVersion: the newest version the committer already accounted for (its
    ///   own earlier commits since the read snapshot); the first version tried follows it.
    func commit(_ actions: [DeltaAction], intent: CommitIntent, parameters: [String: JSONValue],
                metrics: [String: JSONValue], afterVersion: Int64? = nil) throws -> CommitResult {
        let readVersion = max(intent.readSnapshot.version, afterVersion ?? -1)
        var version = readVersion + 1
        for _ in 0..<Table.commitAttemptsMax {
            let info = CommitInfo(timestamp: clock.nowMillis(), operation: intent.operation, operationParameters: parameters,
                                  operationMetrics: metrics, readVersion: readVersion,
                                  isBlindAppend: intent.isBlindAppend)
            do {
                try log.writeCommit(version, [.commitInfo(info)] + actions)
            } catch let error as SluiceError where error.condition == .alreadyExists {
                // A commit of provenance only (vacuum's) changes nothing a winner could contradict.
                if !actions.isEmpty { try intent.checkConflicts(with: log.readCommit(version), winnerVersion: version) }
                version += 1
                continue
            }
            writeCheckpointIfDue(version, snapshotProperties: intent.readSnapshot.properties)
            var added = 0
            var removed = 0
            for action in actions {
                if case .add = action { added += 1 }
                if case .remove = action { removed += 1 }
            }
            return CommitResult(version: version, addedFiles: added, removedFiles: removed, metrics: metrics)
        }
        throw SluiceError.io("gave up committing to \(path) after \(Table.commitAttemptsMax) lost races")
    }

    private func writeCheckpointIfDue(_ version: Int64, snapshotProperties: [String: String]) {
        let interval = snapshotProperties[TableProperty.checkpointInterval].flatMap { Int64($0) } ?? 10
        guard interval > 0, version > 0, version % interval == 0 else { return }
        do {
            try Checkpoint.write(snapshot: snapshot(version: version), log: log)
        } catch {
            // A missing checkpoint only makes opening the table slower; the commit stands.
            logger.warning("could not write the checkpoint of version \(version) of \(path): \(error)")
        }
    }
}
