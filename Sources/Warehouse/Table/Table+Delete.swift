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
        let candidates = try scan(snapshot: snapshot, predicates: predicates, filtersRows: false).files
        let description = predicates.map(\.description).joined(separator: " AND ")
        return try deleteRows(of: snapshot, candidates: candidates, readPredicates: predicates, description: description) { rows in
            try rows.matchingRows(predicates).map { Int32($0) }
        }?.commit
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
