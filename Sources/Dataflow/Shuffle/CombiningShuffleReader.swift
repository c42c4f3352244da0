import SluiceCore

/// The reduce side of a dataflow-mode shuffle: decodes every segment of its partition and merges
/// the values of each key in a hash table. When the table outgrows the task's memory share it is
/// moved into a sorting buffer that spills to disk, and the spills are merge-read at the end, so a
/// partition larger than memory still finishes.
@usableFromInline
enum CombiningShuffleReader {
    @inlinable
    static func aggregate<Key: ShuffleKey, Value: ShuffleCodable, Combined: ShuffleCodable>(
        segments: [ShuffleSegment], aggregator: ShuffleAggregator<Value, Combined>, task: TaskContext,
        emit: ((Key, Combined)) throws -> Void
    ) throws {
        let table = CombiningHashTable<Key, Combined>()
        var overflow: MapOutputSorter<Key, Combined>?
        let tableEntryLimit = max(1024, task.memoryLimitBytes / HashTableSizing.estimatedEntryBytes(key: Key.self, value: Combined.self))
        func moveTableToOverflow() throws {
            if overflow == nil {
                overflow = MapOutputSorter(partitionCount: 1, bufferLimitBytes: min(task.memoryLimitBytes, 1 << 30),
                                           spillDirectory: task.environment.workDirectory, combine: aggregator.mergeCombiners)
            }
            try table.forEach { key, combined in try overflow!.insert(partition: 0, key: key, value: combined) }
            table.removeAll()
        }
        for segment in segments {
            let bytes = try segment.loadBytes()
            task.metrics.shuffleBytesRead += bytes.count
            if aggregator.mapSideCombine {
                try ShuffleSegmentDecoding.forEachRecord(in: bytes, as: KeyValue<Key, Combined>.self) { record in
                    let isNew = table.combine(record.key, create: { record.value }, merge: { aggregator.mergeCombiners(&$0, record.value) })
                    if isNew && table.count >= tableEntryLimit { try moveTableToOverflow() }
                }
            } else {
                try ShuffleSegmentDecoding.forEachRecord(in: bytes, as: KeyValue<Key, Value>.self) { record in
                    let isNew = table.combine(record.key, create: { aggregator.createCombiner(record.value) },
                                              merge: { aggregator.mergeValue(&$0, record.value) })
                    if isNew && table.count >= tableEntryLimit { try moveTableToOverflow() }
                }
            }
        }
        guard overflow != nil else {
            task.metrics.recordsRead += table.count
            try table.forEach { key, combined in try emit((key, combined)) }
            return
        }
        try moveTableToOverflow()
        let output = try overflow!.finish(outputPath: task.workFilePath("reduce-spill"))
        task.metrics.spilledBytes += output.spilledByteCount + output.outputByteCount
        let source = try SortedSegmentSource(path: output.path, byteRange: output.partitionByteRanges[0])
        var merger = try SortedSegmentMerger<Key, Combined>(sources: [source])
        try merger.forEachGroup { key, values in
            var combined = values[0]
            for value in values.dropFirst() { aggregator.mergeCombiners(&combined, value) }
            task.metrics.recordsRead += 1
            try emit((key, combined))
        }
        try? LocalFileSystem().delete(output.path, recursive: false)
    }
}
