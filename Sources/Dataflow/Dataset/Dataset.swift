import SluiceCore

/// Computes one partition by pushing its elements, in order, into `emit`.
public typealias PartitionComputer<Element> = @Sendable (_ task: TaskContext, _ partition: Int, _ emit: (Element) throws -> Void) throws -> Void

/// A distributed collection of `Element`s split into partitions, described by its lineage: how to
/// compute each partition from its parents. Operators make new datasets; actions (`collect`,
/// `count`, `save`, ...) run a job.
///
/// Closures given to operators run on task threads, possibly in other processes; they must not
/// share mutable state (`@Sendable`).
public final class Dataset<Element>: DatasetNode, @unchecked Sendable {
    // Sendable: immutable except `isCached`, which is guarded by `cacheLock`.
    public let context: DataflowContext
    public let id: Int
    public let name: String
    public let partitionCount: Int
    public let dependencies: [Dependency]
    @usableFromInline let computer: PartitionComputer<Element>
    @usableFromInline let locations: @Sendable (Int) -> [String]
    /// Set on datasets of strings read straight from files, so built-in operators can read their
    /// bytes without making a `String` of each.
    @usableFromInline let utf8Source: UTF8ElementSource?
    private let cacheLock = Mutex()
    private var isCachedStorage = false

    @inlinable
    public init(context: DataflowContext, name: String, partitionCount: Int, dependencies: [Dependency],
                locations: @escaping @Sendable (Int) -> [String] = { _ in [] },
                utf8Source: UTF8ElementSource? = nil,
                computer: @escaping PartitionComputer<Element>) {
        self.context = context
        self.id = context.nextDatasetId()
        self.name = name
        self.partitionCount = partitionCount
        self.dependencies = dependencies
        self.locations = locations
        self.utf8Source = utf8Source
        self.computer = computer
    }

    public func preferredLocations(partition: Int) -> [String] {
        locations(partition)
    }

    /// Whether computed partitions are kept in memory for later jobs.
    public var isCached: Bool { cacheLock.withLock { isCachedStorage } }

    /// Keeps each partition in memory once computed, so later jobs (iterations) reuse it instead
    /// of recomputing its lineage. Returns this dataset.
    @discardableResult
    public func cache() -> Dataset<Element> {
        cacheLock.withLock { isCachedStorage = true }
        return self
    }

    /// Stops keeping partitions and drops the ones kept.
    public func unpersist() {
        cacheLock.withLock { isCachedStorage = false }
        context.environment.cachedPartitions.remove(datasetId: id)
    }

    /// Pushes partition `partition`'s elements into `emit`, from the cache when it is there.
    @inlinable
    public func compute(_ task: TaskContext, partition: Int, _ emit: (Element) throws -> Void) throws {
        guard isCached else {
            try computer(task, partition, emit)
            return
        }
        let store = task.environment.cachedPartitions
        if let elements = store.elements(datasetId: id, partition: partition, as: Element.self) {
            for element in elements { try emit(element) }
            return
        }
        var elements: [Element] = []
        try computer(task, partition) { elements.append($0) }
        store.store(elements, datasetId: id, partition: partition)
        for element in elements { try emit(element) }
    }
}
