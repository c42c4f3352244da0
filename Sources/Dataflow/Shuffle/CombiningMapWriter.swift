import SluiceCore

/// The map side of a dataflow-mode shuffle: with map-side combining, values are merged per key in
/// a hash table that is flushed into the shuffle frames when it outgrows the task's memory share;
/// without, every record is encoded straight into its partition's frame.
@usableFromInline
struct CombiningMapWriter<Key: ShuffleKey, Value: ShuffleCodable, Combined: ShuffleCodable> {
    @usableFromInline let aggregator: ShuffleAggregator<Value, Combined>
    @usableFromInline let partitioner: Partitioner<Key>
    @usableFromInline let table = CombiningHashTable<Key, Combined>()
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
            let isNew = table.combine(key, create: { aggregator.createCombiner(value) }, merge: { aggregator.mergeValue(&$0, value) })
            if isNew && table.count >= tableEntryLimit { try flushTable() }
        } else {
            recordsWritten += 1
            try output.append(KeyValue(key, value), partition: partitioner.partition(key))
        }
    }

    @inlinable
    mutating func flushTable() throws {
        try table.forEach { key, combined in
            try output.append(KeyValue(key, combined), partition: partitioner.partition(key))
        }
        recordsWritten += table.count
        table.removeAll()
    }

    @inlinable
    mutating func finish(task: TaskContext) throws -> MapOutput {
        if !table.isEmpty { try flushTable() }
        task.metrics.recordsWritten += recordsWritten
        return try output.finish()
    }
}
