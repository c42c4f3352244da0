import SluiceCore

/// The reduce side of a dataflow-mode shuffle: decodes every segment of its partition and merges
/// the values of each key in a hash table.
@usableFromInline
enum CombiningShuffleReader {
    /// Reads reduce partition `reducePartition` of shuffle `shuffleId` and returns the merged table.
    /// The partition is the dataset's, not necessarily the task's: a union's task `n` reads
    /// partition `n - k` of its second parent.
    @inlinable
    static func aggregate<Key: ShuffleKey, Value: ShuffleCodable, Combined: ShuffleCodable>(
        shuffleId: Int, reducePartition: Int, mapPartitionCount: Int, aggregator: ShuffleAggregator<Value, Combined>, task: TaskContext
    ) throws -> [Key: Combined] {
        let segments = try task.environment.shuffleOutputs.segments(shuffleId: shuffleId, reducePartition: reducePartition,
                                                                    mapPartitionCount: mapPartitionCount)
        var table: [Key: Combined] = [:]
        for segment in segments {
            let bytes = try segment.loadBytes()
            task.metrics.shuffleBytesRead += bytes.count
            if aggregator.mapSideCombine {
                try ShuffleSegmentDecoding.forEachRecord(in: bytes, as: KeyValue<Key, Combined>.self) { record in
                    if let index = table.index(forKey: record.key) {
                        aggregator.mergeCombiners(&table.values[index], record.value)
                    } else {
                        table[record.key] = record.value
                    }
                }
            } else {
                try ShuffleSegmentDecoding.forEachRecord(in: bytes, as: KeyValue<Key, Value>.self) { record in
                    if let index = table.index(forKey: record.key) {
                        aggregator.mergeValue(&table.values[index], record.value)
                    } else {
                        table[record.key] = aggregator.createCombiner(record.value)
                    }
                }
            }
        }
        return table
    }
}
