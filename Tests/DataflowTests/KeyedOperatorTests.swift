import Dataflow
import SluiceCore
import Testing

/// Keyed operators against dictionaries built the plain way; results are compared in a canonical
/// order since the shuffle decides where and in which order keys come out.
@Suite struct KeyedOperatorTests {
    /// (map partitions, reduce partitions)
    static let partitionings = [(1, 1), (3, 2), (8, 5)]

    @Test(arguments: ExecutionMode.allCases, partitionings)
    func reduceByKeyMatchesTheReference(mode: ExecutionMode, partitioning: (Int, Int)) async throws {
        var input = RandomInput(seed: 21)
        let pairs = input.pairs(count: 3_000, keyCount: 97)
        let expected = Dictionary(pairs, uniquingKeysWith: +)
        try await withContext(mode) { context async throws in
            let reduced = context.parallelize(pairs, partitionCount: partitioning.0).reduceByKey(partitionCount: partitioning.1, +)
            #expect(reduced.partitionCount == partitioning.1)
            #expect(canonical(try await reduced.collect()) == canonical(expected))
            let words = input.words(count: 2_000, vocabularySize: 40)
            let counted = context.parallelize(words, partitionCount: partitioning.0).map { ($0, 1) }.reduceByKey(partitionCount: partitioning.1, +)
            #expect(canonical(try await counted.collect()) == canonical(Dictionary(words.map { ($0, 1) }, uniquingKeysWith: +)))
        }
    }

    @Test(arguments: ExecutionMode.allCases, partitionings)
    func groupByKeyGathersEveryValue(mode: ExecutionMode, partitioning: (Int, Int)) async throws {
        var input = RandomInput(seed: 22)
        let pairs = input.pairs(count: 2_000, keyCount: 61)
        let expected = Dictionary(grouping: pairs, by: \.0).mapValues { $0.map(\.1).sorted() }
        try await withContext(mode) { context async throws in
            let grouped = try await context.parallelize(pairs, partitionCount: partitioning.0)
                .groupByKey(partitionCount: partitioning.1).collect()
            #expect(grouped.count == expected.count)
            #expect(Dictionary(grouped.map { ($0.0, $0.1.sorted()) }, uniquingKeysWith: { first, _ in first }) == expected)
        }
    }

    @Test(arguments: ExecutionMode.allCases, partitionings)
    func aggregateByKeyFoldsAndMerges(mode: ExecutionMode, partitioning: (Int, Int)) async throws {
        var input = RandomInput(seed: 23)
        let pairs = input.pairs(count: 2_500, keyCount: 50)
        var expected: [Int: KeyValue<Int, Int>] = [:]
        for (key, value) in pairs {
            let sumAndCount = expected[key, default: KeyValue(0, 0)]
            expected[key] = KeyValue(sumAndCount.key + value, sumAndCount.value + 1)
        }
        try await withContext(mode) { context async throws in
            let aggregated = try await context.parallelize(pairs, partitionCount: partitioning.0)
                .aggregateByKey(KeyValue(0, 0), partitionCount: partitioning.1,
                                add: { KeyValue($0.key + $1, $0.value + 1) },
                                merge: { KeyValue($0.key + $1.key, $0.value + $1.value) })
                .collect()
            #expect(canonical(aggregated) == canonical(expected))
        }
    }

    @Test(arguments: ExecutionMode.allCases, partitionings)
    func joinsAndCogroupMatchTheReference(mode: ExecutionMode, partitioning: (Int, Int)) async throws {
        var input = RandomInput(seed: 24)
        // Key ranges overlap partly, so some keys are on one side only.
        let left = input.pairs(count: 400, keyCount: 60)
        let right = input.pairs(count: 300, keyCount: 90).map { ($0.0 + 30, "r\($0.1)") }
        let rightByKey = Dictionary(grouping: right, by: \.0).mapValues { $0.map(\.1) }
        let leftByKey = Dictionary(grouping: left, by: \.0).mapValues { $0.map(\.1) }
        var expectedInner: [KeyValue<Int, KeyValue<Int, String>>] = []
        var expectedLeftOuter: [KeyValue<Int, KeyValue<Int, String?>>] = []
        for (key, value) in left {
            let matches = rightByKey[key] ?? []
            for other in matches { expectedInner.append(KeyValue(key, KeyValue(value, other))) }
            if matches.isEmpty { expectedLeftOuter.append(KeyValue(key, KeyValue(value, nil))) }
            for other in matches { expectedLeftOuter.append(KeyValue(key, KeyValue(value, other))) }
        }
        try await withContext(mode) { context async throws in
            let leftDataset = context.parallelize(left, partitionCount: partitioning.0)
            let rightDataset = context.parallelize(right, partitionCount: 2)
            let inner = try await leftDataset.join(rightDataset, partitionCount: partitioning.1).collect()
            #expect(inner.map { KeyValue($0.0, KeyValue($0.1.0, $0.1.1)) }.sorted() == expectedInner.sorted())
            let leftOuter = try await leftDataset.leftOuterJoin(rightDataset, partitionCount: partitioning.1).collect()
            #expect(leftOuter.map { KeyValue($0.0, KeyValue($0.1.0, $0.1.1)) }.sorted(by: Self.leftOuterOrder)
                == expectedLeftOuter.sorted(by: Self.leftOuterOrder))
            let cogrouped = try await leftDataset.cogroup(rightDataset, partitionCount: partitioning.1).collect()
            let allKeys = Set(leftByKey.keys).union(rightByKey.keys)
            #expect(cogrouped.count == allKeys.count)
            for (key, (leftValues, rightValues)) in cogrouped {
                #expect(leftValues.sorted() == (leftByKey[key] ?? []).sorted())
                #expect(rightValues.sorted() == (rightByKey[key] ?? []).sorted())
            }
        }
    }

    static func leftOuterOrder(_ first: KeyValue<Int, KeyValue<Int, String?>>, _ second: KeyValue<Int, KeyValue<Int, String?>>) -> Bool {
        (first.key, first.value.key, first.value.value ?? "") < (second.key, second.value.key, second.value.value ?? "")
    }

    @Test(arguments: ExecutionMode.allCases, partitionings)
    func distinctKeepsEachElementOnce(mode: ExecutionMode, partitioning: (Int, Int)) async throws {
        var input = RandomInput(seed: 25)
        let words = input.words(count: 1_500, vocabularySize: 120)
        try await withContext(mode) { context async throws in
            let distinct = try await context.parallelize(words, partitionCount: partitioning.0).distinct(partitionCount: partitioning.1).collect()
            #expect(distinct.sorted() == Set(words).sorted())
        }
    }

    @Test(arguments: ExecutionMode.allCases, partitionings)
    func repartitionKeepsEveryElementAndSpreadsThem(mode: ExecutionMode, partitioning: (Int, Int)) async throws {
        var input = RandomInput(seed: 26)
        let numbers = input.integers(count: 1_000, in: 0...50)
        try await withContext(mode) { context async throws in
            let repartitioned = context.parallelize(numbers, partitionCount: partitioning.0).repartition(partitioning.1)
            #expect(repartitioned.partitionCount == partitioning.1)
            #expect(try await repartitioned.collect().sorted() == numbers.sorted())
            let sizes = try await repartitioned.mapPartitions { [$0.count] }.collect()
            #expect(sizes.count == partitioning.1)
            // Round-robin from every map partition: sizes differ by at most one per map partition.
            #expect(sizes.max()! - sizes.min()! <= partitioning.0)
        }
    }
}
