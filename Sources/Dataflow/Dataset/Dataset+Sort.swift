import SluiceCore

/// Total-order sorting, Spark's way: a sampling job picks range bounds, the shuffle sends each
/// element to the range of its key, and each reduce partition sorts itself; the partitions in
/// order are then the whole dataset in order.
extension Dataset where Element: ShuffleCodable {
    /// The elements ordered by the key `key` gives them, across partitions: every element of
    /// partition `i` sorts before (or with) every element of partition `i + 1`. Elements with
    /// equal keys come in no particular order.
    ///
    /// Keys compare by their sort key bytes (`SortKeyEncodable`). Sampling the bounds runs a job
    /// over this dataset when the sorted dataset is first computed, so this dataset is computed
    /// twice unless it is cached.
    ///
    /// - Parameters:
    ///   - ascending: smallest key first when true, largest first when false.
    ///   - partitionCount: partitions of the result; the context's default parallelism when nil.
    ///     Some may be empty when there are few distinct keys.
    ///   - key: runs on task threads, twice per element (sampling and shuffle); may throw to fail the task.
    @inlinable
    public func sortBy<Key: SortKeyEncodable>(ascending: Bool = true, partitionCount: Int? = nil,
                                              _ key: @escaping @Sendable (Element) throws -> Key) -> Dataset<Element> {
        let reduceCount = shufflePartitionCount(partitionCount)
        let keyed: Dataset<([UInt8], Element)> = derived("sortBy") { task, partition, emit in
            try self.compute(task, partition: partition) { element in try emit((try key(element).sortKeyBytes(), element)) }
        }
        let aggregator = ShuffleAggregator<Element, [Element]>(
            createCombiner: { [$0] }, mergeValue: { $0.append($1) }, mergeCombiners: { $0.append(contentsOf: $1) }, mapSideCombine: false)
        let grouped = keyed.combineByKey(aggregator, partitionCount: reduceCount, name: "sortBy", prepare: {
            try await RangeBoundsSampler.sample(keyed, partitionCount: reduceCount, isAscending: ascending).encodedBytes()
        }, partitioner: { task in
            guard let bytes = task.preparedBytes else {
                throw SluiceError.internal("sort map task of stage \(task.stageId) has no range bounds")
            }
            let bounds = try RangeBounds.decode(fromBytes: bytes)
            return Partitioner(partitionCount: reduceCount) { bounds.partition(ofSortKey: $0) }
        })
        return grouped.derived("sortBy") { task, partition, emit in
            var groups: [([UInt8], [Element])] = []
            try grouped.compute(task, partition: partition) { groups.append($0) }
            if ascending {
                groups.sort { $0.0.lexicographicallyPrecedes($1.0) }
            } else {
                groups.sort { $1.0.lexicographicallyPrecedes($0.0) }
            }
            for group in groups {
                for element in group.1 { try emit(element) }
            }
        }
    }
}

extension Dataset {
    /// The pairs ordered by key across partitions (see `sortBy`).
    @inlinable
    public func sortByKey<Key: SortKeyEncodable & ShuffleCodable, Value: ShuffleCodable>(
        ascending: Bool = true, partitionCount: Int? = nil
    ) -> Dataset<(Key, Value)> where Element == (Key, Value) {
        let records: Dataset<KeyValue<Key, Value>> = derived("sortByKey") { task, partition, emit in
            try self.compute(task, partition: partition) { pair in try emit(KeyValue(pair.0, pair.1)) }
        }
        let sorted = records.sortBy(ascending: ascending, partitionCount: partitionCount) { $0.key }
        return sorted.derived("sortByKey") { task, partition, emit in
            try sorted.compute(task, partition: partition) { record in try emit((record.key, record.value)) }
        }
    }
}
