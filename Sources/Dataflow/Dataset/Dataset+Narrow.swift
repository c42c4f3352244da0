import SluiceCore

/// Operators that compute each partition from the same partition of the parent; they are
/// pipelined into one stage: no records are stored between them.
extension Dataset {
    /// A dataset made from this one partition by partition with `computer`.
    @inlinable
    public func derived<Output>(_ name: String, computer: @escaping PartitionComputer<Output>) -> Dataset<Output> {
        let parent = self
        return Dataset<Output>(context: context, name: name, partitionCount: partitionCount, dependencies: [.narrow(self)],
                               locations: { parent.preferredLocations(partition: $0) }, computer: computer)
    }

    /// Each element transformed by `transform`.
    @inlinable
    public func map<Output>(_ transform: @escaping @Sendable (Element) throws -> Output) -> Dataset<Output> {
        derived("map") { task, partition, emit in
            try self.compute(task, partition: partition) { element in try emit(transform(element)) }
        }
    }

    /// Each element turned into zero or more elements.
    @inlinable
    public func flatMap<Elements: Sequence & SendableMetatype>(_ transform: @escaping @Sendable (Element) throws -> Elements) -> Dataset<Elements.Element> {
        derived("flatMap") { task, partition, emit in
            try self.compute(task, partition: partition) { element in
                for output in try transform(element) { try emit(output) }
            }
        }
    }

    /// The elements for which `isIncluded` is true.
    @inlinable
    public func filter(_ isIncluded: @escaping @Sendable (Element) throws -> Bool) -> Dataset<Element> {
        derived("filter") { task, partition, emit in
            try self.compute(task, partition: partition) { element in
                if try isIncluded(element) { try emit(element) }
            }
        }
    }

    /// A whole partition at once: `transform` receives its elements and returns the new ones (for
    /// per-partition set-up such as a parser or a connection). The partition is held in memory.
    @inlinable
    public func mapPartitions<Elements: Sequence & SendableMetatype>(_ transform: @escaping @Sendable ([Element]) throws -> Elements) -> Dataset<Elements.Element> {
        derived("mapPartitions") { task, partition, emit in
            var elements: [Element] = []
            try self.compute(task, partition: partition) { elements.append($0) }
            for output in try transform(elements) { try emit(output) }
        }
    }

    /// Pairs each element with the key `key` computes from it.
    @inlinable
    public func keyBy<Key>(_ key: @escaping @Sendable (Element) throws -> Key) -> Dataset<(Key, Element)> {
        derived("keyBy") { task, partition, emit in
            try self.compute(task, partition: partition) { element in try emit((try key(element), element)) }
        }
    }

    /// About `fraction` of the elements, chosen by a generator seeded from `seed` and the
    /// partition, so a recomputed partition gives the same sample.
    @inlinable
    public func sample(fraction: Double, seed: UInt64 = 42) -> Dataset<Element> {
        derived("sample") { task, partition, emit in
            var generator = SeededRandomGenerator(seed: seed &+ UInt64(partition) &* 0x9E37_79B9_7F4A_7C15)
            try self.compute(task, partition: partition) { element in
                if Double.random(in: 0..<1, using: &generator) < fraction { try emit(element) }
            }
        }
    }

    /// This dataset's partitions followed by `other`'s (no shuffle, duplicates kept).
    public func union(_ other: Dataset<Element>) -> Dataset<Element> {
        let first = self
        let firstCount = partitionCount
        return Dataset(context: context, name: "union", partitionCount: partitionCount + other.partitionCount,
                       dependencies: [.narrow(self), .narrow(other)],
                       locations: { partition in
                           partition < firstCount ? first.preferredLocations(partition: partition)
                               : other.preferredLocations(partition: partition - firstCount)
                       }) { task, partition, emit in
            if partition < firstCount {
                try first.compute(task, partition: partition, emit)
            } else {
                try other.compute(task, partition: partition - firstCount, emit)
            }
        }
    }
}
