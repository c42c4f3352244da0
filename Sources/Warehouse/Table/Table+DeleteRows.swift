import SluiceCore

extension Table {
    /// Deletes the rows a caller's filter selects, copy-on-write like `delete(where:)`: each
    /// file holding such rows is replaced by a file of its other rows (or just removed), in
    /// one commit. For filters that simple predicates cannot express (a SQL `WHERE`).
    ///
    /// - Parameters:
    ///   - description: the predicate as text, for the commit's history entry.
    ///   - fileMayMatch: whether a file of the snapshot may hold rows to delete, judged from
    ///     its partition values and statistics; files it rules out are not read.
    ///   - rowsMatching: the rows to delete of one file's rows (all table columns, partition
    ///     values filled in), ascending.
    /// - Returns: the commit and the number of rows deleted; nil when no row matched (nothing
    ///   is committed).
    /// - Throws: what `rowsMatching` throws; condition `.commitConflict` when a concurrent
    ///   commit removed a file this one read or added any rows.
    @discardableResult
    public func delete(description: String, fileMayMatch: (Snapshot, AddFile) -> Bool,
                       rowsMatching: (RecordBatch) throws -> [Int32]) throws -> (commit: CommitResult, deletedRowCount: Int64)? {
        let snapshot = try snapshot()
        let candidates = snapshot.files.filter { fileMayMatch(snapshot, $0) }
        // The filter is opaque: any rows added concurrently might have matched it.
        return try deleteRows(of: snapshot, candidates: candidates, readPredicates: [], description: description,
                              rowsMatching: rowsMatching)
    }

    /// The copy-on-write delete both entry points share: reads each candidate file, rewrites
    /// it without the rows `rowsMatching` picks (ascending), and commits removes and adds.
    /// - Parameter readPredicates: what the commit read, for conflict checks; empty makes any
    ///   concurrently added rows a conflict.
    func deleteRows(of snapshot: Snapshot, candidates: [AddFile], readPredicates: [ColumnPredicate], description: String,
                    rowsMatching: (RecordBatch) throws -> [Int32]) throws -> (commit: CommitResult, deletedRowCount: Int64)? {
        if snapshot.properties[TableProperty.appendOnly] == "true" {
            throw SluiceError.userInput("table \(path) is append-only (delta.appendOnly)")
        }
        let now = clock.nowMillis()
        var actions: [DeltaAction] = []
        var deletedRows: Int64 = 0
        var copiedRows: Int64 = 0
        var removedFiles = 0
        let writer = try TableWriter(table: self, snapshot: snapshot, mode: .append, transaction: nil)
        var rewritten: [AddFile] = []
        do {
            for file in candidates {
                let rows = try read(file, of: snapshot)
                let deleted = try rowsMatching(rows)
                guard !deleted.isEmpty else { continue }
                if let writer = file.replacingWriter {
                    throw SluiceError.userInput(
                        "rows to delete in \(path)/\(DeltaPath.decode(file.path)) are open windows of stream '\(writer)', which "
                        + "rewrites them with every batch; delete them once their windows are final")
                }
                deletedRows += Int64(deleted.count)
                removedFiles += 1
                actions.append(.remove(RemoveFile(removing: file, at: now, dataChange: true)))
                var kept: [Int] = []
                kept.reserveCapacity(rows.rowCount - deleted.count)
                var next = 0
                for row in 0..<rows.rowCount {
                    if next < deleted.count, Int(deleted[next]) == row {
                        next += 1
                    } else {
                        kept.append(row)
                    }
                }
                if !kept.isEmpty {
                    copiedRows += Int64(kept.count)
                    rewritten += try writer.writeFiles(rows.take(kept))
                }
            }
            rewritten += try writer.finishFiles()
        } catch {
            writer.abort()
            deleteDataFiles(rewritten)
            throw error
        }
        guard removedFiles > 0 else { return nil }
        actions += rewritten.map { .add($0) }
        var intent = CommitIntent(operation: "DELETE", readSnapshot: snapshot, isBlindAppend: false)
        intent.readFiles = Set(candidates.map { DeltaPath.decode($0.path) })
        intent.readPredicates = readPredicates
        let metrics: [String: JSONValue] = [
            "numDeletedRows": .integer(deletedRows), "numCopiedRows": .integer(copiedRows),
            "numRemovedFiles": .integer(Int64(removedFiles)), "numAddedFiles": .integer(Int64(rewritten.count)),
        ]
        do {
            let commit = try commit(actions, intent: intent, parameters: ["predicate": .string(description)], metrics: metrics)
            return (commit, deletedRows)
        } catch {
            deleteDataFiles(rewritten)
            throw error
        }
    }
}
