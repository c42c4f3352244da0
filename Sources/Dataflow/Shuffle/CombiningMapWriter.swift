import SluiceCore

/// The map side of a dataflow-mode shuffle: with map-side combining, values are merged per key in
/// a hash table that is flushed into the shuffle frames when it outgrows the task's memory share;
/// without, every record is encoded straight into its partition's frame.
@usableFromInline
struct CombiningMapWriter<Key: ShuffleKey, Value: ShuffleCodable, Combined: ShuffleCodable> {
    @usableFromInline let aggregator: ShuffleAggregator<Value, Combined>
    @usableFromInline let partitioner: Partitioner<Key>
    @usableFromInline var table: [Key: Combined] = [:]
    @usableFromInline var output: ShuffleSegmentWriter
    @usableFromInline let tableEntryLimit: Int
    @usableFromInline var recordsWritten = 0

    @inlinable
    init(aggregator: ShuffleAggregator<Value, Combined>, partitioner: Partitioner<Key>, task: TaskContext) {
        self.aggregator = aggregator
        self.partitioner = partitioner
        output = ShuffleSegmentWriter(partitionCount: partitioner.partitionCount, task: task, memoryLimitBytes: task.memoryLimitBytes)
        tableEntryLimit = max(1024, task.memoryLimitBytes / HashTableSizing.estimatedEntryBytes(key: Key.self, value: Combined.self))
    }

    @inlinable
    mutating func insert(key: Key, value: Value) throws {
        if aggregator.mapSideCombine {
            if let index = table.index(forKey: key) {
                aggregator.mergeValue(&table.values[index], value)
            } else {
                table[key] = aggregator.createCombiner(value)
                if table.count >= tableEntryLimit { try flushTable() }
            }
        } else {
            recordsWritten += 1
            try output.append(KeyValue(key, value), partition: partitioner.partition(key))
        }
    }

    @usableFromInline
    mutating func flushTable() throws {
        for (key, combined) in table {
            try output.append(KeyValue(key, combined), partition: partitioner.partition(key))
        }
        recordsWritten += table.count
        table.removeAll(keepingCapacity: true)
    }

    @inlinable
    mutating func finish(task: TaskContext) throws -> MapOutput {
        if !table.isEmpty { try flushTable() }
        task.metrics.recordsWritten += recordsWritten
        return try output.finish()
    }
}
