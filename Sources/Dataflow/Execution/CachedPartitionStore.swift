import SluiceCore

/// Partitions of datasets marked `cache()`, kept in memory by dataset id and partition so that
/// iterative jobs compute them once.
public final class CachedPartitionStore: @unchecked Sendable {
    // Sendable: `partitions` is guarded by `lock`; the arrays are immutable once stored.
    private struct Key: Hashable {
        var datasetId: Int
        var partition: Int
    }

    private let lock = Mutex()
    private var partitions: [Key: Any] = [:]

    public init() {}

    public func elements<T>(datasetId: Int, partition: Int, as type: T.Type) -> [T]? {
        lock.withLock { partitions[Key(datasetId: datasetId, partition: partition)] as? [T] }
    }

    public func store<T>(_ elements: [T], datasetId: Int, partition: Int) {
        lock.withLock { partitions[Key(datasetId: datasetId, partition: partition)] = elements }
    }

    public func remove(datasetId: Int) {
        lock.withLock {
            for key in partitions.keys where key.datasetId == datasetId { partitions.removeValue(forKey: key) }
        }
    }
}
