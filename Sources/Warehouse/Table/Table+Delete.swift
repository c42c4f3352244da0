import SluiceCore

extension Table {
    /// Deletes the rows matching every predicate, copy-on-write: each file holding such rows is
    /// replaced by a file of its other rows (or just removed); files that cannot hold them
    /// (by partition values and statistics) are not touched. The old files stay as tombstones
    /// for time travel until vacuum.
    /// - Returns: the commit, or nil when no row matched (nothing is committed).
    /// - Throws: `SluiceError` (user input) for an unknown column or literal of the wrong type;
    ///   condition `.commitConflict` when a concurrent commit changed the files this one read.
    @discardableResult
    public func delete(where predicates: [ColumnPredicate]) throws -> CommitResult? {
        guard !predicates.isEmpty else { throw SluiceError.userInput("delete needs a predicate; use overwrite to empty a table") }
        let snapshot = try snapshot()
        if snapshot.properties[TableProperty.appendOnly] == "true" {
            throw SluiceError.userInput("table \(path) is append-only (delta.appendOnly)")
        }
        let candidates = try scan(snapshot: snapshot, predicates: predicates, filtersRows: false).files
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
                let deleted = try rows.matchingRows(predicates)
                guard !deleted.isEmpty else { continue }
                deletedRows += Int64(deleted.count)
                removedFiles += 1
                actions.append(.remove(RemoveFile(removing: file, at: now, dataChange: true)))
                let deletedSet = Set(deleted)
                let kept = (0..<rows.rowCount).filter { !deletedSet.contains($0) }
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
        intent.readPredicates = predicates
        let metrics: [String: JSONValue] = [
            "numDeletedRows": .integer(deletedRows), "numCopiedRows": .integer(copiedRows),
            "numRemovedFiles": .integer(Int64(removedFiles)), "numAddedFiles": .integer(Int64(rewritten.count)),
        ]
        do {
            return try commit(actions, intent: intent,
                              parameters: ["predicate": .string(predicates.map(\.description).joined(separator: " AND "))],
                              metrics: metrics)
        } catch {
            deleteDataFiles(rewritten)
            throw error
        }
    }

    /// Removes files written for a commit that did not happen.
    func deleteDataFiles(_ files: [AddFile]) {
        for file in files { try? fileSystem.delete(dataFilePath(file.path), recursive: false) }
    }

    /// All rows of one data file with the table's columns (partition values filled in).
    func read(_ file: AddFile, of snapshot: Snapshot) throws -> RecordBatch {
        var scan = try TableScan(table: self, snapshot: snapshot, columns: nil, predicates: [], filtersRows: false)
        return try scan.readAll(only: file)
    }
}

extension RecordBatch {
    /// Rows where every predicate holds (nulls never match).
    public func matchingRows(_ predicates: [ColumnPredicate]) throws -> [Int] {
        var rows = Array(0..<rowCount)
        for predicate in predicates {
            guard let index = schema.index(of: predicate.column) else {
                throw SluiceError.userInput("no column named '\(predicate.column)'")
            }
            let literal = try predicate.literal(as: schema.fields[index].type)
            let column = columns[index]
            rows = rows.filter { !column.isNull($0) && predicate.matches(column[$0], literal: literal) }
        }
        return rows
    }
}
