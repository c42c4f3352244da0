import Dataflow
import SluiceCore
import Testing

/// The classic map-reduce API on the Dataset engine.
@Suite struct MapReduceJobTests {
    static func wordCount(combining: Bool, reduceTaskCount: Int) -> MapReduceJob<String, String, Int, KeyValue<String, Int>> {
        let sum: MapReduceJob<String, String, Int, KeyValue<String, Int>>.Combiner = { _, counts in counts.reduce(0, +) }
        return MapReduceJob(
            reduceTaskCount: reduceTaskCount,
            mapper: { line, emit in
                for word in line.split(separator: " ") { emit(String(word), 1) }
            },
            combiner: combining ? sum : nil,
            reducer: { word, counts, emit in emit(KeyValue(word, counts.reduce(0, +))) })
    }

    static func lines(seed: UInt64) -> (lines: [String], counts: [String: Int]) {
        var input = RandomInput(seed: seed)
        var counts: [String: Int] = [:]
        var lines: [String] = []
        for _ in 0..<600 {
            let words = input.words(count: Int.random(in: 0...12, using: &input.generator), vocabularySize: 80)
            for word in words { counts[word, default: 0] += 1 }
            lines.append(words.joined(separator: " "))
        }
        return (lines, counts)
    }

    @Test(arguments: ExecutionMode.allCases, [1, 3, 6])
    func wordCountWithAndWithoutCombiner(mode: ExecutionMode, reduceTaskCount: Int) async throws {
        let (lines, counts) = Self.lines(seed: 51)
        let expected = counts.map { KeyValue($0.key, $0.value) }.sorted()
        try await withContext(mode) { context async throws in
            let input = context.parallelize(lines, partitionCount: 4)
            for combining in [true, false] {
                let output = input.mapReduce(Self.wordCount(combining: combining, reduceTaskCount: reduceTaskCount))
                #expect(output.partitionCount == reduceTaskCount)
                #expect(try await output.collect().sorted() == expected)
                // Each reduce task sees its keys in order.
                let perPartition = try await output.runJob("keys") { task, partition in
                    var keys: [String] = []
                    try output.compute(task, partition: partition) { keys.append($0.key) }
                    return keys
                }
                #expect(perPartition.allSatisfy { $0 == $0.sorted() })
            }
        }
    }

    @Test(arguments: ExecutionMode.allCases)
    func aCustomPartitionerDecidesTheReduceTask(mode: ExecutionMode) async throws {
        var input = RandomInput(seed: 52)
        let numbers = input.integers(count: 2_000, in: 0...999)
        let job = MapReduceJob<Int, Int, Int, KeyValue<Int, Int>>(
            reduceTaskCount: 4,
            mapper: { number, emit in emit(number % 100, number) },
            combiner: { _, values in values.max()! },
            partitioner: { key, partitionCount in key * partitionCount / 100 },
            reducer: { key, values, emit in emit(KeyValue(key, values.max()!)) })
        var expected: [Int: Int] = [:]
        for number in numbers { expected[number % 100] = max(expected[number % 100] ?? .min, number) }
        try await withContext(mode) { context async throws in
            let output = context.parallelize(numbers, partitionCount: 3).mapReduce(job)
            // Range partitioning by key and sorted keys per task: the whole output is in key order.
            let collected = try await output.collect()
            #expect(collected == expected.map { KeyValue($0.key, $0.value) }.sorted())
            let perPartition = try await output.runJob("keys") { task, partition in
                var keys: [Int] = []
                try output.compute(task, partition: partition) { keys.append($0.key) }
                return keys
            }
            for (partition, keys) in perPartition.enumerated() {
                #expect(keys.allSatisfy { $0 * 4 / 100 == partition })
            }
        }
    }

    @Test(arguments: ExecutionMode.allCases)
    func aPartitionerOutOfRangeFailsTheJobWithAMessage(mode: ExecutionMode) async throws {
        let job = MapReduceJob<Int, Int, Int, Int>(
            reduceTaskCount: 2, mapper: { number, emit in emit(number, 1) },
            partitioner: { key, _ in key == 7 ? 5 : 0 },
            reducer: { _, values, emit in emit(values.count) })
        try await withContext(mode) { context async throws in
            let error = await #expect(throws: JobFailure.self) {
                try await context.parallelize(Array(0..<20), partitionCount: 2).mapReduce(job).collect()
            }
            #expect(error?.cause.contains("partition 5, outside 0..<2") == true)
        }
    }

    @Test(arguments: ExecutionMode.allCases)
    func aReducerMayEmitManyOrNoRecords(mode: ExecutionMode) async throws {
        // An inverted index: word → sorted distinct line numbers, words seen once dropped.
        let (lines, counts) = Self.lines(seed: 53)
        let job = MapReduceJob<KeyValue<Int, String>, String, Int, String>(
            reduceTaskCount: 3,
            mapper: { line, emit in
                for word in Set(line.value.split(separator: " ")) { emit(String(word), line.key) }
            },
            reducer: { word, lineNumbers, emit in
                guard lineNumbers.count > 1 else { return }
                for lineNumber in lineNumbers.sorted() { emit("\(word)@\(lineNumber)") }
            })
        var expected: [String] = []
        var linesByWord: [String: Set<Int>] = [:]
        for (number, line) in lines.enumerated() {
            for word in line.split(separator: " ") { linesByWord[String(word), default: []].insert(number) }
        }
        for (word, numbers) in linesByWord where numbers.count > 1 {
            expected.append(contentsOf: numbers.map { "\(word)@\($0)" })
        }
        #expect(!counts.isEmpty)
        try await withContext(mode) { context async throws in
            let numbered = context.parallelize(lines.enumerated().map { KeyValue($0.offset, $0.element) }, partitionCount: 4)
            #expect(try await numbered.mapReduce(job).collect().sorted() == expected.sorted())
        }
    }
}
