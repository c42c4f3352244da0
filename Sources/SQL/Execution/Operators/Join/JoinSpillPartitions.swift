import SluiceCore

/// One side of a grace hash join written to disk: rows split by the high bits of their key
/// hash into `partitionCount` partitions, one spill file each, so that both sides' rows with
/// equal keys land in partitions of the same number.
///
/// Rows are buffered per partition and written as blocks of about `flushBytes`. The key hash
/// is `JoinKeyHashing.hashes` (for a single integer key the same as the fast path's), and the
/// partition takes its top bits, leaving the low bits a hash table picks buckets with spread.
///
/// Threading: `add` may be called from several threads at once (each partition has its own
/// lock); `finish` once after every `add` returned.
final class JoinSpillPartitions: @unchecked Sendable {
    let partitionCount: Int
    private let partitionBits: Int
    private let writers: [JoinSpillPartitionWriter]
    private let dropsNullKeys: Bool
    private let statsLock = Mutex()
    private var addedRowCount = 0
    private var sawNullKey = false

    /// - Parameters:
    ///   - partitionBits: log2 of the partition count.
    ///   - types: the column types of the rows added.
    ///   - directory: where the spill files go.
    ///   - flushBytes: the buffered bytes after which a partition writes a block.
    ///   - dropsNullKeys: rows with a NULL key are counted but not written (they match nothing
    ///     and the join does not emit them unmatched).
    init(partitionBits: Int, types: [DataType], directory: String, flushBytes: Int, dropsNullKeys: Bool) {
        self.partitionBits = partitionBits
        self.partitionCount = 1 << partitionBits
        self.dropsNullKeys = dropsNullKeys
        self.writers = (0..<(1 << partitionBits)).map { _ in
            JoinSpillPartitionWriter(types: types, directory: directory, flushBytes: flushBytes)
        }
    }

    /// Every row added, NULL-key rows included.
    var rowCount: Int { statsLock.withLock { addedRowCount } }
    /// Whether some added row has a NULL key.
    var hasNullKey: Bool { statsLock.withLock { sawNullKey } }

    /// Splits rows among the partitions by the hash of their keys.
    /// - Parameters:
    ///   - columns: the rows' columns.
    ///   - keyColumns: the rows' evaluated keys.
    /// - Throws: `SluiceError` (io) when a spill file cannot be written.
    func add(columns: [Column], keyColumns: [Column]) throws {
        let rowCount = keyColumns.first?.count ?? 0
        guard rowCount > 0 else { return }
        let hashes = JoinKeyHashing.hashes(keyColumns)
        let nullRows = JoinKeyHashing.nullRows(keyColumns)
        let hasNull = nullRows?.contains(true) ?? false
        statsLock.withLock {
            addedRowCount += rowCount
            if hasNull { sawNullKey = true }
        }
        var rowsByPartition = [[Int32]](repeating: [], count: partitionCount)
        let shift = UInt64(64 - partitionBits)
        for row in 0..<rowCount {
            if let nullRows, nullRows[row], dropsNullKeys { continue }
            rowsByPartition[Int(hashes[row] >> shift)].append(Int32(row))
        }
        for (partition, rows) in rowsByPartition.enumerated() where !rows.isEmpty {
            let piece = rows.count == rowCount ? columns : columns.map { JoinColumnGather.gather($0, at: rows) }
            try writers[partition].add(piece)
        }
    }

    /// Writes what is still buffered and hands over each partition's file (nil: no rows).
    /// - Throws: `SluiceError` (io) when a spill file cannot be written.
    func finish() throws -> [SortSpillFile?] {
        try writers.map { try $0.finish() }
    }
}
