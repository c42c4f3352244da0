import SluiceCore

extension Dataset where Element: ShuffleKey {
    /// Each distinct element with the number of times it occurs (Polars' `value_counts`, SQL's
    /// `GROUP BY x` with `count(*)`): the same as `map { ($0, 1) }.reduceByKey(+)`, built in. On
    /// text read from files (`textFile`, `split`) in dataflow mode it counts the bytes directly and
    /// makes a `String` only of each distinct value.
    @inlinable
    public func valueCounts(partitionCount: Int? = nil) -> Dataset<(Element, Int)> {
        if Element.self == String.self, let source = utf8Source, !isCached, context.config.mode == .dataflow {
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
            var writer = UTF8CountMapWriter(partitionCount: partitionCount, task: task)
            try source.forEach(task, partition: task.partitionIndex) { text in try writer.add(text) }
            return try writer.finish(task: task)
        }
        let aggregator = ShuffleAggregator<Int, Int>(createCombiner: { $0 }, mergeValue: { $0 += $1 }, mergeCombiners: { $0 += $1 },
                                                     mapSideCombine: true)
        return shuffled(dependency, aggregator: aggregator, name: "valueCounts", as: String.self)
    }
}
