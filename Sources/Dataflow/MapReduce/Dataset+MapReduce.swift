import SluiceCore

extension Dataset {
    /// Runs `job`'s map phase over this dataset's elements and its reduce phase on the shuffled
    /// pairs; the result has one partition per reduce task, each holding what its reducer emitted,
    /// keys in sort-key order.
    ///
    /// With a combiner the shuffle combines on the map side (values already folded travel as
    /// short lists); without, every pair travels.
    @inlinable
    public func mapReduce<Key, Value, Output>(_ job: MapReduceJob<Element, Key, Value, Output>) -> Dataset<Output> {
        let reduceTaskCount = shufflePartitionCount(job.reduceTaskCount)
        let partitioner = MapReduceJob<Element, Key, Value, Output>.shufflePartitioner(job.partitioner, partitionCount: reduceTaskCount)
        let grouped: Dataset<(Key, [Value])>
        if let combiner = job.combiner {
            // The aggregator's functions do not see the key, so each value carries its key into the
            // map-side table; only the combined lists travel.
            let pairs: Dataset<(Key, KeyValue<Key, Value>)> = mapPhase(job, partitionCount: reduceTaskCount) { key, value in
                (key, KeyValue(key, value))
            }
            let batchCount = MapReduceJob<Element, Key, Value, Output>.combineBatchCount
            let aggregator = ShuffleAggregator<KeyValue<Key, Value>, [Value]>(
                createCombiner: { [$0.value] },
                mergeValue: { values, pair in
                    values.append(pair.value)
                    if values.count >= batchCount { values = [combiner(pair.key, values)] }
                },
                mergeCombiners: { $0.append(contentsOf: $1) },
                mapSideCombine: true)
            grouped = pairs.combineByKey(aggregator, partitioner: partitioner, name: "mapReduce")
        } else {
            let pairs: Dataset<(Key, Value)> = mapPhase(job, partitionCount: reduceTaskCount) { key, value in (key, value) }
            let aggregator = ShuffleAggregator<Value, [Value]>(
                createCombiner: { [$0] }, mergeValue: { $0.append($1) }, mergeCombiners: { $0.append(contentsOf: $1) },
                mapSideCombine: false)
            grouped = pairs.combineByKey(aggregator, partitioner: partitioner, name: "mapReduce")
        }
        return grouped.derived("reduce") { task, partition, emit in
            var groups: [(sortKey: [UInt8], key: Key, values: [Value])] = []
            try grouped.compute(task, partition: partition) { group in groups.append((group.0.sortKeyBytes(), group.0, group.1)) }
            groups.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
            var outputs: [Output] = []
            for group in groups {
                try job.reducer(group.key, group.values) { outputs.append($0) }
                for output in outputs { try emit(output) }
                outputs.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The mapper's pairs, shaped by `pair` for the shuffle, after checking a user partitioner's
    /// answer so a bad one fails the task with a message instead of crashing it.
    @inlinable
    func mapPhase<Key, Value, Output, Pair>(_ job: MapReduceJob<Element, Key, Value, Output>, partitionCount: Int,
                                            pair: @escaping @Sendable (Key, Value) -> Pair) -> Dataset<Pair> {
        derived("map") { task, partition, emit in
            var pending: [(Key, Value)] = []
            try self.compute(task, partition: partition) { input in
                try job.mapper(input) { key, value in pending.append((key, value)) }
                for (key, value) in pending {
                    if let partitioner = job.partitioner {
                        let target = partitioner(key, partitionCount)
                        guard (0..<partitionCount).contains(target) else {
                            throw SluiceError.userInput("the map-reduce partitioner sent key \(key) to partition \(target), outside 0..<\(partitionCount)")
                        }
                    }
                    try emit(pair(key, value))
                }
                pending.removeAll(keepingCapacity: true)
            }
        }
    }
}

extension MapReduceJob {
    /// Values of one key the map side holds before folding them with the combiner: folding every
    /// pair would build a two-element array per record.
    @usableFromInline static var combineBatchCount: Int { 16 }

    @inlinable
    static func shufflePartitioner(_ partitioner: KeyPartitioner?, partitionCount: Int) -> Partitioner<Key> {
        guard let partitioner else { return .hash(partitionCount: partitionCount) }
        return Partitioner(partitionCount: partitionCount) { key in partitioner(key, partitionCount) }
    }
}
