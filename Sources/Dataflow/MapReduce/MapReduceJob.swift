import SluiceCore

/// A job in Hadoop's classic shape: a mapper emits key-value pairs for each input record, an
/// optional combiner folds a key's values on the map side, a partitioner sends each key to a
/// reduce task, and a reducer turns each key and all its values into output records. It runs on
/// the same engine as the Dataset operators (one shuffle, in either execution mode), with
/// `Dataset.mapReduce(_:)`.
///
/// As in Hadoop, each reduce task sees its keys in sort-key order (`SortKeyEncodable`), and the
/// values of a key in no particular order; the combiner may run any number of times (also not at
/// all) on any subset of a key's values, so it must be associative and commutative, and return a
/// value of the same meaning as its inputs.
///
/// All closures run on task threads, possibly in other processes, and must not share mutable state.
///
/// Word count:
/// ```swift
/// let wordCount = MapReduceJob<String, String, Int, String>(
///     reduceTaskCount: 4,
///     mapper: { line, emit in
///         for word in line.split(separator: " ") { emit(String(word), 1) }
///     },
///     combiner: { _, counts in counts.reduce(0, +) },
///     reducer: { word, counts, emit in emit("\(word)\t\(counts.reduce(0, +))") })
/// let lines: Dataset<String> = context.parallelize(["a rose is", "a rose"])
/// let output = try await lines.mapReduce(wordCount).collect()   // "a\t2", "is\t1", "rose\t2"
/// ```
public struct MapReduceJob<Input, Key: ShuffleKey, Value: ShuffleCodable, Output>: Sendable {
    /// Emits zero or more pairs for one input record; throws to fail the task.
    public typealias Mapper = @Sendable (_ input: Input, _ emit: (Key, Value) -> Void) throws -> Void
    /// Folds some of a key's values into one.
    public typealias Combiner = @Sendable (_ key: Key, _ values: [Value]) -> Value
    /// The reduce task, in `0..<partitionCount`, of a key; the same key must always get the same answer.
    public typealias KeyPartitioner = @Sendable (_ key: Key, _ partitionCount: Int) -> Int
    /// Emits zero or more output records for a key and all its values; throws to fail the task.
    public typealias Reducer = @Sendable (_ key: Key, _ values: [Value], _ emit: (Output) -> Void) throws -> Void

    public var mapper: Mapper
    public var combiner: Combiner?
    /// By the key's stable partition hash when nil.
    public var partitioner: KeyPartitioner?
    public var reducer: Reducer
    /// Reduce tasks (and so output partitions); the context's default parallelism when nil.
    public var reduceTaskCount: Int?

    public init(reduceTaskCount: Int? = nil, mapper: @escaping Mapper, combiner: Combiner? = nil,
                partitioner: KeyPartitioner? = nil, reducer: @escaping Reducer) {
        self.reduceTaskCount = reduceTaskCount
        self.mapper = mapper
        self.combiner = combiner
        self.partitioner = partitioner
        self.reducer = reducer
    }
}
