import SluiceCore

/// The one shuffle every keyed operator is built on (Spark's combineByKey).
extension Dataset {
    /// Groups the pairs by key across partitions and folds each key's values with `aggregator`;
    /// keys go to the partition `partitioner` picks. Runs as a new stage after this one.
    @inlinable
    public func combineByKey<Key: ShuffleKey, Value: ShuffleCodable, Combined: ShuffleCodable>(
        _ aggregator: ShuffleAggregator<Value, Combined>, partitioner: Partitioner<Key>, name: String
    ) -> Dataset<(Key, Combined)> where Element == (Key, Value) {
        let parent = self
        let shuffleId = context.nextShuffleId()
        let mapPartitionCount = partitionCount
        let dependency = ShuffleDependency(shuffleId: shuffleId, parent: self, reducePartitionCount: partitioner.partitionCount) { task in
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
        return Dataset<(Key, Combined)>(context: context, name: name, partitionCount: partitioner.partitionCount,
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
