import SluiceCore

extension Dataset where Element: ShuffleKey {
    /// Each distinct element with the number of times it occurs (Polars' `value_counts`, SQL's
    /// `GROUP BY x` with `count(*)`): the same as `map { ($0, 1) }.reduceByKey(+)`, built in. On
    /// text read from files (`textFile`, `split`) it counts the bytes directly and makes a `String`
    /// only of each distinct value: in a hash table in dataflow mode, through the sort buffer with
    /// the sum as combiner in map-reduce mode.
    @inlinable
    public func valueCounts(partitionCount: Int? = nil) -> Dataset<(Element, Int)> {
        if Element.self == String.self, let source = utf8Source, !isCached {
            return countUTF8(source, partitionCount: shufflePartitionCount(partitionCount)) as! Dataset<(Element, Int)>
        }
        let ones: Dataset<(Element, Int)> = derived("valueCounts") { task, partition, emit in
            try self.compute(task, partition: partition) { try emit(($0, 1)) }
        }
        return ones.reduceByKey(partitionCount: partitionCount, +)
    }

    @usableFromInline
    func countUTF8(_ source: UTF8ElementSource, partitionCount: Int) -> Dataset<(String, Int)> {
        let dependency = ShuffleDependency(shuffleId: context.nextShuffleId(), parent: self, reducePartitionCount: partitionCount) { task in
            switch task.environment.mode {
            case .dataflow:
                var writer = UTF8CountMapWriter(partitionCount: partitionCount, task: task)
                try source.forEach(task, partition: task.partitionIndex) { text in try writer.add(text) }
                return try writer.finish(task: task)
            case .mapreduce:
                var sorter = MapOutputSorter<UTF8TextView, Int>(
                    partitionCount: partitionCount, bufferLimitBytes: min(task.memoryLimitBytes, task.environment.sortBufferBytes),
                    spillDirectory: task.environment.workDirectory, combine: { $0 += $1 })
                do {
                    try source.forEach(task, partition: task.partitionIndex) { text in
                        let partition = PartitionHasher.partitionIndex(hash: PartitionHasher.hash(bytes: text), partitionCount: partitionCount)
                        try sorter.insert(partition: partition, key: UTF8TextView(text), value: 1)
                    }
                    return try sorter.finish(outputPath: task.workFilePath("map-output")).mapOutput(countingIn: task)
                } catch {
                    sorter.removeSpillFiles()
                    throw error
                }
            }
        }
        let aggregator = ShuffleAggregator<Int, Int>(createCombiner: { $0 }, mergeValue: { $0 += $1 }, mergeCombiners: { $0 += $1 },
                                                     mapSideCombine: true)
        return shuffled(dependency, aggregator: aggregator, name: "valueCounts", as: String.self)
    }
}
