import Dataflow
import SluiceCore
import Testing

/// `sortBy` must give a total order across partitions: collecting the partitions in order gives
/// the whole dataset sorted, in both modes, whatever the shuffle does inside.
@Suite struct SortTests {
    static let partitionings = [(1, 1), (3, 2), (4, 7)]

    @Test(arguments: ExecutionMode.allCases, partitionings)
    func sortByOrdersIntegersAcrossPartitions(mode: ExecutionMode, partitioning: (Int, Int)) async throws {
        var input = RandomInput(seed: 31)
        let numbers = input.integers(count: 2_000, in: -10_000...10_000) + input.integers(count: 300, in: -3...3)
        try await withContext(mode) { context async throws in
            let dataset = context.parallelize(numbers, partitionCount: partitioning.0)
            let ascending = dataset.sortBy(partitionCount: partitioning.1) { $0 }
            #expect(ascending.partitionCount == partitioning.1)
            #expect(try await ascending.collect() == numbers.sorted())
            let descending = dataset.sortBy(ascending: false, partitionCount: partitioning.1) { $0 }
            #expect(try await descending.collect() == numbers.sorted(by: >))
            if partitioning.1 > 1 {
                // The sampled bounds spread the keys: no partition holds most of them.
                let sizes = try await ascending.mapPartitions { [$0.count] }.collect()
                #expect(sizes.max()! < numbers.count * 2 / partitioning.1)
            }
        }
    }

    @Test(arguments: ExecutionMode.allCases)
    func sortByAComputedKeyKeepsEveryElement(mode: ExecutionMode) async throws {
        var input = RandomInput(seed: 32)
        let words = input.words(count: 1_000, vocabularySize: 300).map { $0 + String(repeating: "x", count: $0.count % 4) }
        try await withContext(mode) { context async throws in
            // By length, then by the words themselves: ties in the key come in any order.
            let sorted = try await context.parallelize(words, partitionCount: 3).sortBy(partitionCount: 4) { $0.count }.collect()
            #expect(sorted.map(\.count) == words.map(\.count).sorted())
            #expect(sorted.sorted() == words.sorted())
            let byText = try await context.parallelize(words, partitionCount: 3).sortBy(ascending: false, partitionCount: 4) { $0 }.collect()
            #expect(byText == words.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.reversed())
            let doubles = input.integers(count: 500, in: -1_000...1_000).map { Double($0) / 7 }
            #expect(try await context.parallelize(doubles, partitionCount: 2).sortBy(partitionCount: 3) { $0 }.collect() == doubles.sorted())
        }
    }

    @Test(arguments: ExecutionMode.allCases)
    func sortByKeyOrdersPairsAfterAShuffle(mode: ExecutionMode) async throws {
        var input = RandomInput(seed: 33)
        let words = input.words(count: 3_000, vocabularySize: 200)
        let counts = Dictionary(words.map { ($0, 1) }, uniquingKeysWith: +)
        try await withContext(mode) { context async throws in
            // The sort's bounds are sampled from a dataset that needs a shuffle first.
            let reduced = context.parallelize(words, partitionCount: 4).map { ($0, 1) }.reduceByKey(partitionCount: 3, +)
            let byKey = try await reduced.sortByKey(partitionCount: 5).collect()
            #expect(byKey.map(\.0) == counts.keys.sorted())
            #expect(byKey.allSatisfy { counts[$0.0] == $0.1 })
            let topFirst = try await reduced.map { ($0.1, $0.0) }.sortByKey(ascending: false, partitionCount: 2).collect()
            #expect(topFirst.map(\.0) == counts.values.sorted(by: >))
            let top = try await reduced.map { KeyValue($0.1, $0.0) }.sortBy(ascending: false) { $0.key }.take(3)
            #expect(top.map(\.key) == Array(counts.values.sorted(by: >).prefix(3)))
        }
    }

    @Test(arguments: ExecutionMode.allCases)
    func sortingEmptyAndSingleElementDatasets(mode: ExecutionMode) async throws {
        try await withContext(mode) { context async throws in
            #expect(try await context.parallelize([Int](), partitionCount: 3).sortBy(partitionCount: 4) { $0 }.collect() == [])
            #expect(try await context.parallelize([5], partitionCount: 3).sortBy(ascending: false, partitionCount: 4) { $0 }.collect() == [5])
            #expect(try await context.parallelize([2, 2, 2, 1], partitionCount: 2).sortBy(partitionCount: 3) { $0 }.collect() == [1, 2, 2, 2])
        }
    }

    @Test func rangeBoundsSplitSampledKeysEvenlyAndRoundTrip() throws {
        let samples = (0..<100).map { (sortKey: $0.sortKeyBytes(), weight: 1.0) }
        let bounds = RangeBounds.choose(from: samples, partitionCount: 4, isAscending: true)
        #expect(bounds.upperBounds == [24, 49, 74].map { $0.sortKeyBytes() })
        #expect(bounds.partition(ofSortKey: (-5).sortKeyBytes()) == 0)
        #expect(bounds.partition(ofSortKey: 24.sortKeyBytes()) == 0)
        #expect(bounds.partition(ofSortKey: 25.sortKeyBytes()) == 1)
        #expect(bounds.partition(ofSortKey: 1_000.sortKeyBytes()) == 3)
        let descending = RangeBounds.choose(from: samples, partitionCount: 4, isAscending: false)
        #expect(descending.partition(ofSortKey: 1_000.sortKeyBytes()) == 0)
        #expect(descending.partition(ofSortKey: 0.sortKeyBytes()) == 3)
        #expect(try RangeBounds.decode(fromBytes: bounds.encodedBytes()) == bounds)
        // Few distinct keys: fewer bounds, never a repeated one.
        let fewKeys = (0..<100).map { (sortKey: ($0 % 2).sortKeyBytes(), weight: 1.0) }
        #expect(RangeBounds.choose(from: fewKeys, partitionCount: 8, isAscending: true).upperBounds.count <= 2)
    }
}
