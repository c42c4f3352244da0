import SluiceCore

/// The partition of a grace hash join being joined: its right rows as a hash table, its left
/// rows still on disk (handed out a block at a time), and the probe bookkeeping of this
/// partition alone.
///
/// Threading: `nextProbeBatch` may be called from several threads (blocks are claimed under a
/// lock and read outside it with positioned reads of a file no longer written); the rest is
/// immutable or thread-safe itself.
final class JoinSpilledPartition: @unchecked Sendable {
    let table: JoinHashTable
    let coordinator: JoinProbeCoordinator
    private let probeFile: SortSpillFile?
    private let probeSchema: Schema
    private let lock = Mutex()
    private var nextBlock = 0

    init(table: JoinHashTable, coordinator: JoinProbeCoordinator, probeFile: SortSpillFile?, probeSchema: Schema) {
        self.table = table
        self.coordinator = coordinator
        self.probeFile = probeFile
        self.probeSchema = probeSchema
    }

    /// The partition's next block of left rows, or nil when every block was handed out.
    /// - Throws: `SluiceError` (io) when the block cannot be read or is damaged.
    func nextProbeBatch() throws -> RecordBatch? {
        guard let probeFile else { return nil }
        let block: Int? = lock.withLock {
            guard nextBlock < probeFile.blockCount else { return nil }
            defer { nextBlock += 1 }
            return nextBlock
        }
        guard let block else { return nil }
        let columns = try probeFile.readBlock(block, types: probeSchema.fields.map(\.type))
        return RecordBatch(schema: probeSchema, columns: columns)
    }
}
