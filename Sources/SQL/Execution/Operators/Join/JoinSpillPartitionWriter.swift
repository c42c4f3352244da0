import SluiceCore

/// One partition's buffered rows and spill file (created with the first block).
///
/// Threading: every method takes the partition's lock.
final class JoinSpillPartitionWriter: @unchecked Sendable {
    private let lock = Mutex()
    private let types: [DataType]
    private let directory: String
    private let flushBytes: Int
    private var file: SortSpillFile?
    private var pending: [[Column]] = []
    private var pendingBytes = 0

    init(types: [DataType], directory: String, flushBytes: Int) {
        self.types = types
        self.directory = directory
        self.flushBytes = flushBytes
    }

    func add(_ columns: [Column]) throws {
        try lock.withLock {
            pending.append(columns)
            pendingBytes += JoinMemoryBudget.estimatedBytes(columns)
            if pendingBytes >= flushBytes { try flush() }
        }
    }

    func finish() throws -> SortSpillFile? {
        try lock.withLock {
            try flush()
            return file
        }
    }

    /// Writes the buffered rows as one block. Called under the lock.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        let columns = pending.count == 1 ? pending[0]
            : types.indices.map { index in Column.concatenate(pending.map { $0[index] }, type: types[index]) }
        pending.removeAll()
        pendingBytes = 0
        let rowCount = columns.first?.count ?? 0
        guard rowCount > 0 else { return }
        if file == nil { file = try SortSpillFile(directory: directory, purpose: "join-partition") }
        try file!.append(columns, rows: 0..<rowCount)
    }
}
