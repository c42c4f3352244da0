import Dataflow
import SluiceCore
import Testing

/// Narrow operators keep each partition's order, so their results must equal the reference
/// exactly, in both modes and for any partition count.
@Suite struct NarrowOperatorTests {
    static let partitionCounts = [1, 3, 8]

    @Test(arguments: ExecutionMode.allCases, partitionCounts)
    func mapFlatMapFilterAndKeyByMatchTheReference(mode: ExecutionMode, partitionCount: Int) async throws {
        var input = RandomInput(seed: 11)
        let numbers = input.integers(count: 1_000, in: -500...500)
        try await withContext(mode) { context async throws in
            let dataset = context.parallelize(numbers, partitionCount: partitionCount)
            #expect(try await dataset.map { $0 * 3 + 1 }.collect() == numbers.map { $0 * 3 + 1 })
            let repeated: @Sendable (Int) -> [Int] = { Array(repeating: $0, count: abs($0) % 3) }
            #expect(try await dataset.flatMap(repeated).collect() == numbers.flatMap(repeated))
            #expect(try await dataset.filter { $0 % 7 == 0 }.collect() == numbers.filter { $0 % 7 == 0 })
            let keyed = try await dataset.keyBy { "k\($0 % 10)" }.collect()
            #expect(keyed.map(\.0) == numbers.map { "k\($0 % 10)" })
            #expect(keyed.map(\.1) == numbers)
        }
    }

    @Test(arguments: ExecutionMode.allCases, partitionCounts)
    func mapPartitionsSeesEachPartitionWhole(mode: ExecutionMode, partitionCount: Int) async throws {
        var input = RandomInput(seed: 12)
        let numbers = input.integers(count: 500, in: 0...1_000)
        try await withContext(mode) { context async throws in
            let dataset = context.parallelize(numbers, partitionCount: partitionCount)
            #expect(try await dataset.mapPartitions { elements in elements.map { $0 + 1 } }.collect() == numbers.map { $0 + 1 })
            let sizes = try await dataset.mapPartitions { elements in [elements.count] }.collect()
            #expect(sizes.count == partitionCount)
            #expect(sizes.reduce(0, +) == numbers.count)
            #expect(sizes.max()! - sizes.min()! <= 1)
        }
    }

    @Test(arguments: ExecutionMode.allCases, partitionCounts)
    func unionIsTheFirstDatasetThenTheSecond(mode: ExecutionMode, partitionCount: Int) async throws {
        var input = RandomInput(seed: 13)
        let first = input.integers(count: 300, in: 0...100)
        let second = input.integers(count: 200, in: 0...100)
        try await withContext(mode) { context async throws in
            let union = context.parallelize(first, partitionCount: partitionCount)
                .union(context.parallelize(second, partitionCount: 2))
            #expect(union.partitionCount == partitionCount + 2)
            #expect(try await union.collect() == first + second)
            let selfUnion = context.parallelize(first, partitionCount: partitionCount)
            #expect(try await selfUnion.union(selfUnion).count() == 2 * first.count)
        }
    }

    @Test(arguments: ExecutionMode.allCases, partitionCounts)
    func sampleIsDeterministicForASeedAndNearTheFraction(mode: ExecutionMode, partitionCount: Int) async throws {
        let numbers = Array(0..<20_000)
        let (first, again, otherSeed) = try await withContext(mode) { context async throws in
            let dataset = context.parallelize(numbers, partitionCount: partitionCount)
            return (try await dataset.sample(fraction: 0.3, seed: 5).collect(),
                    try await dataset.sample(fraction: 0.3, seed: 5).collect(),
                    try await dataset.sample(fraction: 0.3, seed: 6).collect())
        }
        #expect(first == again)
        #expect(first != otherSeed)
        #expect((5_400...6_600).contains(first.count))
        // A sample is a subsequence of its input: increasing here, and within range.
        #expect(zip(first, first.dropFirst()).allSatisfy { $0 < $1 })
        let anotherContext = try await withContext(mode) { context async throws in
            try await context.parallelize(numbers, partitionCount: partitionCount).sample(fraction: 0.3, seed: 5).collect()
        }
        #expect(anotherContext == first)
        let none = try await withContext(mode) { try await $0.parallelize(numbers, partitionCount: partitionCount).sample(fraction: 0).count() }
        #expect(none == 0)
    }
}
