import SluiceCore

/// The map side of a map-reduce-mode shuffle (Hadoop's MapOutputBuffer): records go into a sort
/// buffer, which is sorted by (partition, key) and spilled with the combiner applied whenever it
/// fills; at the end the spills are merged into one file with a segment per reduce partition.
@usableFromInline
struct SortingMapWriter<Key: ShuffleKey, Value: ShuffleCodable, Combined: ShuffleCodable> {
    @usableFromInline let aggregator: ShuffleAggregator<Value, Combined>
    @usableFromInline let partitioner: Partitioner<Key>
    /// With map-side combining the buffer holds combined values, otherwise raw values; only one is used.
    @usableFromInline var combinedSorter: MapOutputSorter<Key, Combined>?
    @usableFromInline var rawSorter: MapOutputSorter<Key, Value>?

    @inlinable
    init(aggregator: ShuffleAggregator<Value, Combined>, partitioner: Partitioner<Key>, task: TaskContext) {
        self.aggregator = aggregator
        self.partitioner = partitioner
        let bufferLimitBytes = min(task.memoryLimitBytes, task.environment.sortBufferBytes)
        let spillDirectory = task.environment.workDirectory
        if aggregator.mapSideCombine {
            combinedSorter = MapOutputSorter(partitionCount: partitioner.partitionCount, bufferLimitBytes: bufferLimitBytes,
                                             spillDirectory: spillDirectory, combine: aggregator.mergeCombiners)
        } else {
            rawSorter = MapOutputSorter(partitionCount: partitioner.partitionCount, bufferLimitBytes: bufferLimitBytes,
                                        spillDirectory: spillDirectory, combine: nil)
        }
    }

    @inlinable
    mutating func insert(key: Key, value: Value) throws {
        let partition = partitioner.partition(key)
        if combinedSorter != nil {
            try combinedSorter!.insert(partition: partition, key: key, value: aggregator.createCombiner(value))
        } else {
            try rawSorter!.insert(partition: partition, key: key, value: value)
        }
    }

    @inlinable
    mutating func finish(task: TaskContext) throws -> MapOutput {
        let path = task.workFilePath("map-output")
        let output = try combinedSorter != nil ? combinedSorter!.finish(outputPath: path) : rawSorter!.finish(outputPath: path)
        return output.mapOutput(countingIn: task)
    }

    /// Removes spill files of an attempt that failed.
    @inlinable
    mutating func abandon() {
        combinedSorter?.removeSpillFiles()
        rawSorter?.removeSpillFiles()
    }
}
