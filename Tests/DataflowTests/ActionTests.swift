import Dataflow
import SluiceCore
import Testing

/// Actions against the plain Swift answer, and `cache` across jobs.
@Suite struct ActionTests {
    static let partitionCounts = [1, 3, 8]

    @Test(arguments: ExecutionMode.allCases, partitionCounts)
    func collectCountTakeReduceAndForeach(mode: ExecutionMode, partitionCount: Int) async throws {
        var input = RandomInput(seed: 41)
        let numbers = input.integers(count: 777, in: -100...100)
        try await withContext(mode) { context async throws in
            let dataset = context.parallelize(numbers, partitionCount: partitionCount)
            #expect(try await dataset.collect() == numbers)
            #expect(try await dataset.count() == numbers.count)
            #expect(try await dataset.filter { $0 > 1_000 }.count() == 0)
            #expect(try await dataset.take(0) == [])
            #expect(try await dataset.take(5) == Array(numbers.prefix(5)))
            #expect(try await dataset.take(500) == Array(numbers.prefix(500)))
            #expect(try await dataset.take(10_000) == numbers)
            #expect(try await dataset.reduce(+) == numbers.reduce(0, +))
            #expect(try await dataset.reduce { max($0, $1) } == numbers.max())
            #expect(try await dataset.filter { $0 > 1_000 }.reduce(+) == nil)
            let sum = SharedCounter()
            let visits = SharedCounter()
            try await dataset.foreach { number in
                sum.increment(by: number)
                visits.increment()
            }
            #expect(sum.value == numbers.reduce(0, +))
            #expect(visits.value == numbers.count)
        }
    }

    @Test(arguments: ExecutionMode.allCases, partitionCounts)
    func actionsAfterAShuffle(mode: ExecutionMode, partitionCount: Int) async throws {
        var input = RandomInput(seed: 42)
        let pairs = input.pairs(count: 1_000, keyCount: 30)
        let expected = Dictionary(pairs, uniquingKeysWith: +)
        try await withContext(mode) { context async throws in
            let reduced = context.parallelize(pairs, partitionCount: 4).reduceByKey(partitionCount: partitionCount, +)
            #expect(try await reduced.count() == expected.count)
            #expect(try await reduced.values().reduce(+) == pairs.map(\.1).reduce(0, +))
            let taken = try await reduced.take(7)
            #expect(taken.count == 7)
            #expect(taken.allSatisfy { expected[$0.0] == $0.1 })
        }
    }

    @Test(arguments: ExecutionMode.allCases, partitionCounts)
    func aCachedDatasetIsComputedOncePerPartitionAcrossJobs(mode: ExecutionMode, partitionCount: Int) async throws {
        let computations = SharedCounter()
        try await withContext(mode) { context async throws in
            let source = Dataset<Int>(context: context, name: "counted", partitionCount: partitionCount, dependencies: []) { _, partition, emit in
                computations.increment()
                for value in 0..<100 { try emit(partition * 100 + value) }
            }
            let cached = source.map { $0 * 2 }.cache()
            #expect(cached.isCached)
            #expect(try await cached.count() == 100 * partitionCount)
            #expect(try await cached.reduce(+) == (0..<(100 * partitionCount)).reduce(0, +) * 2)
            #expect(try await cached.map { ($0 % 5, 1) }.reduceByKey(+).count() == 5)
            #expect(computations.value == partitionCount)
            cached.unpersist()
            #expect(try await cached.count() == 100 * partitionCount)
            #expect(computations.value == 2 * partitionCount)
        }
    }
}
