import SluiceCore

extension Table {
    /// Files smaller than this fraction of the target size are worth merging; bigger ones are
    /// left alone, since rewriting them costs much and gains little.
    static let smallFileFractionOfTarget = 0.75

    /// Compacts small files: in each partition, files smaller than 3/4 of the target size are
    /// packed into groups of about the target size, and each group of at least two files is
    /// rewritten as new files with rows ordered by the table's sort key. The rows of the table do
    /// not change (the commit says `dataChange: false`), and the old files stay as tombstones for
    /// time travel until vacuum. Files a stream rewrites every batch (`AddFile.replacingWriter`)
    /// are left alone.
    ///
    /// Concurrent appends do not conflict; a concurrent commit that removes a file being
    /// rewritten does.
    /// - Parameters:
    ///   - targetFileSizeBytes: the size to aim for; the table's `delta.targetFileSize` (default
    ///     128 MiB) when nil.
    ///   - predicates: on partition columns only: which partitions to compact (all when empty).
    /// - Returns: the commit, or nil when no partition has two small files (nothing committed).
    /// - Throws: `SluiceError` (user input) for a non-positive target or a predicate on a column
    ///   that is not a partition column; condition `.commitConflict` on a conflicting race.
    @discardableResult
    public func optimize(targetFileSizeBytes: Int? = nil, predicates: [ColumnPredicate] = []) throws -> CommitResult? {
        try prepareOptimize(snapshot: snapshot(), targetFileSizeBytes: targetFileSizeBytes, predicates: predicates)?.commit()
    }

    /// Writes the compacted files of `optimize` against `snapshot`, without committing them.
    func prepareOptimize(snapshot: Snapshot, targetFileSizeBytes: Int?, predicates: [ColumnPredicate]) throws -> PreparedCommit? {
        let targetBytes = targetFileSizeBytes ?? snapshot.targetFileSizeBytes
        guard targetBytes > 0 else { throw SluiceError.userInput("the target file size must be positive, not \(targetBytes) bytes") }
        for predicate in predicates {
            guard snapshot.partitionColumns.contains(predicate.column), let field = snapshot.schema[predicate.column] else {
                throw SluiceError.userInput("optimize selects partitions, and '\(predicate.column)' is not a partition column of \(path) "
                                            + "(partition columns: \(snapshot.partitionColumns.joined(separator: ", ")))")
            }
            _ = try predicate.literal(as: field.type)
        }
        // A file its writer replaces next commit is not compacted: the writer would add its rows again.
        let candidates = snapshot.files.filter { $0.replacingWriter == nil && snapshot.fileMayMatch($0, predicates) }
        let bins = Table.compactionBins(candidates, partitionColumns: snapshot.partitionColumns, targetBytes: targetBytes)
        guard !bins.isEmpty else { return nil }

        let writer = try TableWriter(table: self, snapshot: snapshot, mode: .append, transaction: nil, targetFileSizeBytes: targetBytes)
        var written: [AddFile] = []
        do {
            // One bin at a time, so memory holds one target size of rows, not a partition.
            for bin in bins {
                let rows = RecordBatch.concatenate(try bin.map { try read($0, of: snapshot) }, schema: snapshot.schema)
                written += try writer.writeFiles(rows)
                written += try writer.finishFiles()
            }
        } catch {
            writer.abort()
            deleteDataFiles(written)
            throw error
        }

        let removed = bins.flatMap { $0 }
        let now = clock.nowMillis()
        var added = written
        for index in added.indices { added[index].dataChange = false }
        let actions = removed.map { DeltaAction.remove(RemoveFile(removing: $0, at: now, dataChange: false)) } + added.map { .add($0) }
        var intent = CommitIntent(operation: "OPTIMIZE", readSnapshot: snapshot, isBlindAppend: false)
        intent.readFiles = Set(removed.map { DeltaPath.decode($0.path) })
        // Rows appended meanwhile are not in the rewritten files, so new files never conflict.
        intent.readPredicates = nil
        let parameters: [String: JSONValue] = [
            "predicate": .string(try LogJSON.encode(predicates.map(\.description))),
            "targetSize": .string(String(targetBytes)),
            "sortBy": .string(snapshot.sortColumns.joined(separator: ",")),
        ]
        let metrics: [String: JSONValue] = [
            "numFilesRemoved": .integer(Int64(removed.count)), "numFilesAdded": .integer(Int64(added.count)),
            "numBytesRemoved": .integer(removed.reduce(0) { $0 + $1.size }),
            "numBytesAdded": .integer(added.reduce(0) { $0 + $1.size }),
        ]
        return PreparedCommit(table: self, actions: actions, intent: intent, parameters: parameters, metrics: metrics,
                              writtenFiles: written)
    }

    /// Groups the small files of each partition into bins of at most `targetBytes`, filled in
    /// order of file size; bins of one file are dropped, as rewriting it alone would merge
    /// nothing.
    static func compactionBins(_ files: [AddFile], partitionColumns: [String], targetBytes: Int) -> [[AddFile]] {
        let smallBytesMax = Int64(Double(targetBytes) * smallFileFractionOfTarget)
        var partitions: [[String?]: [AddFile]] = [:]
        for file in files where file.size < smallBytesMax {
            partitions[partitionColumns.map { file.partitionValues[$0] ?? nil }, default: []].append(file)
        }
        var bins: [[AddFile]] = []
        for key in partitions.keys.sorted(by: { "\($0)" < "\($1)" }) {
            let small = partitions[key]!.sorted { ($0.size, $0.path) < ($1.size, $1.path) }
            var bin: [AddFile] = []
            var binBytes: Int64 = 0
            for file in small {
                if !bin.isEmpty, binBytes + file.size > Int64(targetBytes) {
                    if bin.count > 1 { bins.append(bin) }
                    bin = []
                    binBytes = 0
                }
                bin.append(file)
                binBytes += file.size
            }
            if bin.count > 1 { bins.append(bin) }
        }
        return bins
    }
}
