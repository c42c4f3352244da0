import SluiceCore

/// The reduce side of a map-reduce-mode shuffle: merge-sorts the partition's sorted segments from
/// every map task and folds each key's values as its group goes by, so no hash table is needed.
@usableFromInline
enum SortedShuffleReader {
    @inlinable
    static func reduce<Key: ShuffleKey, Value: ShuffleCodable, Combined: ShuffleCodable>(
        segments: [ShuffleSegment], aggregator: ShuffleAggregator<Value, Combined>, task: TaskContext,
        emit: ((Key, Combined)) throws -> Void
    ) throws {
        var sources: [SortedSegmentSource] = []
        for segment in segments {
            task.metrics.shuffleBytesRead += segment.byteCount
            switch segment {
            case .memory(let bytes): sources.append(try SortedSegmentSource(bytes: bytes))
            case .file(let path, let byteRange): sources.append(try SortedSegmentSource(path: path, byteRange: byteRange))
            }
        }
        if aggregator.mapSideCombine {
            var merger = try SortedSegmentMerger<Key, Combined>(sources: sources)
            try merger.forEachGroup { key, values in
                var combined = values[0]
                for value in values.dropFirst() { aggregator.mergeCombiners(&combined, value) }
                task.metrics.recordsRead += 1
                try emit((key, combined))
            }
        } else {
            var merger = try SortedSegmentMerger<Key, Value>(sources: sources)
            try merger.forEachGroup { key, values in
                var combined = aggregator.createCombiner(values[0])
                for value in values.dropFirst() { aggregator.mergeValue(&combined, value) }
                task.metrics.recordsRead += 1
                try emit((key, combined))
            }
        }
    }
}
