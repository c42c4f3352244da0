import SluiceCore

/// The one shuffle every keyed operator is built on (Spark's combineByKey).
extension Dataset {
    /// Groups the pairs by key across partitions and folds each key's values with `aggregator`;
    /// keys go to the partition `partitioner` picks. Runs as a new stage after this one.
    @inlinable
    public func combineByKey<Key: ShuffleKey, Value: ShuffleCodable, Combined: ShuffleCodable>(
        _ aggregator: ShuffleAggregator<Value, Combined>, partitioner: Partitioner<Key>, name: String
    ) -> Dataset<(Key, Combined)> where Element == (Key, Value) {
        combineByKey(aggregator, partitionCount: partitioner.partitionCount, name: name, prepare: nil) { _ in partitioner }
    }

    /// `combineByKey` for a partitioner that is only known once the shuffle is prepared (a range
    /// partitioner needs bounds sampled from this dataset): `prepare` runs once before the map
    /// tasks, and each map task makes its partitioner from the prepared bytes in its context.
    ///
    /// - Parameters:
    ///   - partitionCount: reduce partitions; every partitioner made must have this many.
    ///   - prepare: see `ShuffleDependency.prepare`.
    ///   - makePartitioner: called once per map task attempt, on its thread; throws to fail the task.
    @inlinable
    public func combineByKey<Key: ShuffleKey, Value: ShuffleCodable, Combined: ShuffleCodable>(
        _ aggregator: ShuffleAggregator<Value, Combined>, partitionCount reducePartitionCount: Int, name: String,
        prepare: (@Sendable () async throws -> [UInt8])?,
        partitioner makePartitioner: @escaping @Sendable (TaskContext) throws -> Partitioner<Key>
    ) -> Dataset<(Key, Combined)> where Element == (Key, Value) {
        let parent = self
        let shuffleId = context.nextShuffleId()
        let dependency = ShuffleDependency(shuffleId: shuffleId, parent: self, reducePartitionCount: reducePartitionCount,
                                           prepare: prepare) { task in
            let partitioner = try makePartitioner(task)
            guard partitioner.partitionCount == reducePartitionCount else {
                throw SluiceError.internal("shuffle \(shuffleId) has \(reducePartitionCount) partitions but its partitioner \(partitioner.partitionCount)")
            }
            switch task.environment.mode {
            case .dataflow:
                var writer = CombiningMapWriter<Key, Value, Combined>(aggregator: aggregator, partitioner: partitioner, task: task)
                try parent.compute(task, partition: task.partitionIndex) { pair in try writer.insert(key: pair.0, value: pair.1) }
                return try writer.finish(task: task)
            case .mapreduce:
                var writer = SortingMapWriter<Key, Value, Combined>(aggregator: aggregator, partitioner: partitioner, task: task)
                do {
                    try parent.compute(task, partition: task.partitionIndex) { pair in try writer.insert(key: pair.0, value: pair.1) }
                    return try writer.finish(task: task)
                } catch {
                    writer.abandon()
                    throw error
                }
            }
        }
        return shuffled(dependency, aggregator: aggregator, name: name, as: Key.self)
    }

    /// The reduce side of `dependency`: each partition reads its segments from every map task and
    /// folds each key's values with `aggregator` (hash table in dataflow mode, merge-sort in map-reduce mode).
    @inlinable
    func shuffled<Key: ShuffleKey, Value: ShuffleCodable, Combined: ShuffleCodable>(
        _ dependency: ShuffleDependency, aggregator: ShuffleAggregator<Value, Combined>, name: String, as keyType: Key.Type
    ) -> Dataset<(Key, Combined)> {
        let shuffleId = dependency.shuffleId
        let mapPartitionCount = partitionCount
        return Dataset<(Key, Combined)>(context: context, name: name, partitionCount: dependency.reducePartitionCount,
                                        dependencies: [.shuffle(dependency)]) { task, partition, emit in
            let segments = try task.environment.shuffleFetcher.segments(shuffleId: shuffleId, reducePartition: partition,
                                                                        mapPartitionCount: mapPartitionCount, task: task)
            switch task.environment.mode {
            case .dataflow:
                try CombiningShuffleReader.aggregate(segments: segments, aggregator: aggregator, task: task, emit: emit)
            case .mapreduce:
                try SortedShuffleReader.reduce(segments: segments, aggregator: aggregator, task: task, emit: emit)
            }
        }
    }

    @inlinable
    func shufflePartitionCount(_ requested: Int?) -> Int {
        max(1, requested ?? context.defaultParallelism)
    }
}
