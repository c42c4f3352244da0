import SluiceCore

/// A grace hash join's state once both inputs are partitioned on disk: the partitions' files,
/// which partition is being joined, and the facts about the whole right side that mark and
/// null-aware anti joins need (a partition alone does not know them).
///
/// Partitions are joined one after another, so memory holds one partition's right rows. Each
/// partition's files are deleted as soon as it is done, and all of them when the join fails or
/// this object goes away.
///
/// Threading: every method takes the lock; loading a partition happens under it, so callers
/// arriving meanwhile wait for the loaded partition.
final class JoinSpill: @unchecked Sendable {
    let partitionCount: Int
    /// Right rows, NULL-key rows included.
    let buildRowCount: Int
    /// Whether some right row has a NULL key.
    let buildHasNullKey: Bool
    private let lock = Mutex()
    private var buildFiles: [SortSpillFile?]
    private var probeFiles: [SortSpillFile?]
    private var nextIndex = 0
    private var current: JoinSpilledPartition?
    private var isOver = false

    /// - Parameters:
    ///   - buildFiles: per partition, the right rows (nil: none).
    ///   - probeFiles: per partition, the left rows (nil: none).
    init(buildFiles: [SortSpillFile?], probeFiles: [SortSpillFile?], buildRowCount: Int, buildHasNullKey: Bool) {
        precondition(buildFiles.count == probeFiles.count)
        self.partitionCount = buildFiles.count
        self.buildFiles = buildFiles
        self.probeFiles = probeFiles
        self.buildRowCount = buildRowCount
        self.buildHasNullKey = buildHasNullKey
    }

    /// The partition being joined; when there is none, loads the next one with `load`
    /// (which returns nil for a partition that cannot produce output).
    /// - Returns: nil when every partition is done or the join failed.
    /// - Throws: what `load` throws; the join is then over.
    func currentPartition(
        load: (_ buildFile: SortSpillFile?, _ probeFile: SortSpillFile?) throws -> JoinSpilledPartition?
    ) throws -> JoinSpilledPartition? {
        try lock.withLock {
            if let current { return current }
            while !isOver, nextIndex < partitionCount {
                let index = nextIndex
                nextIndex += 1
                let buildFile = buildFiles[index]
                let probeFile = probeFiles[index]
                buildFiles[index] = nil
                probeFiles[index] = nil
                do {
                    if let partition = try load(buildFile, probeFile) {
                        current = partition
                        return partition
                    }
                } catch {
                    releaseAll()
                    throw error
                }
            }
            releaseAll()
            return nil
        }
    }

    /// Reports that `partition` has handed out all of its output; the next caller loads the
    /// next partition.
    func finished(_ partition: JoinSpilledPartition) {
        lock.withLock {
            if current === partition { current = nil }
        }
    }

    /// Ends the join after a failure: later callers get nil, and the files are deleted.
    func fail() {
        lock.withLock { releaseAll() }
    }

    /// Runs work; when it throws, ends the join.
    func failingOnError<T>(_ work: () throws -> T) throws -> T {
        do { return try work() } catch {
            fail()
            throw error
        }
    }

    private func releaseAll() {
        isOver = true
        current = nil
        buildFiles = []
        probeFiles = []
        nextIndex = partitionCount
    }
}
