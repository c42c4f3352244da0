import SluiceCore

/// Operators on datasets of (key, value) pairs.
extension Dataset {
    /// One pair per key, its values folded with `combine` (applied on the map side first).
    @inlinable
    public func reduceByKey<Key: ShuffleKey, Value: ShuffleCodable>(
        partitionCount: Int? = nil, _ combine: @escaping @Sendable (Value, Value) -> Value
    ) -> Dataset<(Key, Value)> where Element == (Key, Value) {
        let aggregator = ShuffleAggregator<Value, Value>(
            createCombiner: { $0 }, mergeValue: { $0 = combine($0, $1) }, mergeCombiners: { $0 = combine($0, $1) }, mapSideCombine: true)
        return combineByKey(aggregator, partitioner: .hash(partitionCount: shufflePartitionCount(partitionCount)), name: "reduceByKey")
    }

    /// One pair per key with all its values (in no particular order). Moves every value across
    /// the shuffle; prefer `reduceByKey` or `aggregateByKey` when the values fold.
    @inlinable
    public func groupByKey<Key: ShuffleKey, Value: ShuffleCodable>(partitionCount: Int? = nil) -> Dataset<(Key, [Value])>
    where Element == (Key, Value) {
        let aggregator = ShuffleAggregator<Value, [Value]>(
            createCombiner: { [$0] }, mergeValue: { $0.append($1) }, mergeCombiners: { $0.append(contentsOf: $1) }, mapSideCombine: false)
        return combineByKey(aggregator, partitioner: .hash(partitionCount: shufflePartitionCount(partitionCount)), name: "groupByKey")
    }

    /// One pair per key: its values folded into `zero` with `add`, partial results merged with `merge`.
    @inlinable
    public func aggregateByKey<Key: ShuffleKey, Value: ShuffleCodable, Accumulator: ShuffleCodable>(
        _ zero: Accumulator, partitionCount: Int? = nil,
        add: @escaping @Sendable (Accumulator, Value) -> Accumulator,
        merge: @escaping @Sendable (Accumulator, Accumulator) -> Accumulator
    ) -> Dataset<(Key, Accumulator)> where Element == (Key, Value), Accumulator: Sendable {
        let aggregator = ShuffleAggregator<Value, Accumulator>(
            createCombiner: { add(zero, $0) }, mergeValue: { $0 = add($0, $1) }, mergeCombiners: { $0 = merge($0, $1) }, mapSideCombine: true)
        return combineByKey(aggregator, partitioner: .hash(partitionCount: shufflePartitionCount(partitionCount)), name: "aggregateByKey")
    }

    /// The values of this dataset's pairs as they are, keys dropped.
    @inlinable
    public func values<Key, Value>() -> Dataset<Value> where Element == (Key, Value) {
        derived("values") { task, partition, emit in try self.compute(task, partition: partition) { try emit($0.1) } }
    }

    /// The keys of this dataset's pairs.
    @inlinable
    public func keys<Key, Value>() -> Dataset<Key> where Element == (Key, Value) {
        derived("keys") { task, partition, emit in try self.compute(task, partition: partition) { try emit($0.0) } }
    }

    /// Each pair's value transformed, its key kept.
    @inlinable
    public func mapValues<Key, Value, Output>(_ transform: @escaping @Sendable (Value) throws -> Output) -> Dataset<(Key, Output)>
    where Element == (Key, Value) {
        derived("mapValues") { task, partition, emit in
            try self.compute(task, partition: partition) { pair in try emit((pair.0, try transform(pair.1))) }
        }
    }

    /// For every key in either dataset, its values from this one and from `other`.
    @inlinable
    public func cogroup<Key: ShuffleKey, Value: ShuffleCodable, Other: ShuffleCodable>(
        _ other: Dataset<(Key, Other)>, partitionCount: Int? = nil
    ) -> Dataset<(Key, ([Value], [Other]))> where Element == (Key, Value) {
        let left: Dataset<(Key, CoGroupValue<Value, Other>)> = mapValues { CoGroupValue.left($0) }
        let right: Dataset<(Key, CoGroupValue<Value, Other>)> = other.mapValues { CoGroupValue.right($0) }
        let aggregator = ShuffleAggregator<CoGroupValue<Value, Other>, CoGroupBuckets<Value, Other>>(
            createCombiner: { value in
                var buckets = CoGroupBuckets<Value, Other>()
                buckets.add(value)
                return buckets
            },
            mergeValue: { $0.add($1) },
            mergeCombiners: { $0.merge($1) },
            mapSideCombine: false)
        let grouped = left.union(right).combineByKey(aggregator, partitioner: .hash(partitionCount: shufflePartitionCount(partitionCount)),
                                                     name: "cogroup")
        return grouped.derived("cogroup") { task, partition, emit in
            try grouped.compute(task, partition: partition) { pair in try emit((pair.0, (pair.1.left, pair.1.right))) }
        }
    }

    /// Pairs of values for every key present in both datasets (an inner join).
    @inlinable
    public func join<Key: ShuffleKey, Value: ShuffleCodable, Other: ShuffleCodable>(
        _ other: Dataset<(Key, Other)>, partitionCount: Int? = nil
    ) -> Dataset<(Key, (Value, Other))> where Element == (Key, Value) {
        let grouped = cogroup(other, partitionCount: partitionCount)
        return grouped.derived("join") { task, partition, emit in
            try grouped.compute(task, partition: partition) { pair in
                for value in pair.1.0 {
                    for otherValue in pair.1.1 { try emit((pair.0, (value, otherValue))) }
                }
            }
        }
    }

    /// Every pair of this dataset with each matching value of `other`, or nil when none matches.
    @inlinable
    public func leftOuterJoin<Key: ShuffleKey, Value: ShuffleCodable, Other: ShuffleCodable>(
        _ other: Dataset<(Key, Other)>, partitionCount: Int? = nil
    ) -> Dataset<(Key, (Value, Other?))> where Element == (Key, Value) {
        let grouped = cogroup(other, partitionCount: partitionCount)
        return grouped.derived("leftOuterJoin") { task, partition, emit in
            try grouped.compute(task, partition: partition) { pair in
                for value in pair.1.0 {
                    if pair.1.1.isEmpty {
                        try emit((pair.0, (value, nil)))
                    } else {
                        for otherValue in pair.1.1 { try emit((pair.0, (value, otherValue))) }
                    }
                }
            }
        }
    }
}

extension Dataset where Element: ShuffleKey {
    /// Each distinct element once.
    @inlinable
    public func distinct(partitionCount: Int? = nil) -> Dataset<Element> {
        let pairs: Dataset<(Element, Bool)> = derived("distinct") { task, partition, emit in
            try self.compute(task, partition: partition) { try emit(($0, true)) }
        }
        return pairs.reduceByKey(partitionCount: partitionCount) { first, _ in first }.keys()
    }
}

extension Dataset where Element: ShuffleCodable {
    /// The same elements spread evenly over `partitionCount` partitions (a full shuffle).
    @inlinable
    public func repartition(_ partitionCount: Int) -> Dataset<Element> {
        let count = Swift.max(1, partitionCount)
        let numbered: Dataset<(Int, Element)> = derived("repartition") { task, partition, emit in
            // Start each map partition at a different target so small partitions spread out too.
            var target = partition % count
            try self.compute(task, partition: partition) { element in
                try emit((target, element))
                target = target + 1 == count ? 0 : target + 1
            }
        }
        let aggregator = ShuffleAggregator<Element, [Element]>(
            createCombiner: { [$0] }, mergeValue: { $0.append($1) }, mergeCombiners: { $0.append(contentsOf: $1) }, mapSideCombine: false)
        let grouped = numbered.combineByKey(aggregator, partitioner: Partitioner(partitionCount: count) { $0 }, name: "repartition")
        return grouped.derived("repartition") { task, partition, emit in
            try grouped.compute(task, partition: partition) { pair in
                for element in pair.1 { try emit(element) }
            }
        }
    }
}
