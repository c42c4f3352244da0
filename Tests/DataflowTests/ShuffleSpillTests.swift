import Dataflow
import SluiceCore
import Testing

/// A shuffle much larger than the memory limit completes by spilling, with the right answer.
@Suite struct ShuffleSpillTests {
    @Test(arguments: ExecutionMode.allCases)
    func keyedJobsLargerThanTheMemoryLimitSpillAndFinish(mode: ExecutionMode) async throws {
        var input = RandomInput(seed: 61)
        // About 4 MiB of shuffle records against a 64 KiB limit.
        let pairs = input.pairs(count: 120_000, keyCount: 20_000).map { ($0.0, "value-\($0.1)-padding-to-make-it-longer") }
        var expectedCounts: [Int: Int] = [:]
        var expectedLengths: [Int: Int] = [:]
        for (key, value) in pairs {
            expectedCounts[key, default: 0] += 1
            expectedLengths[key, default: 0] += value.utf8.count
        }
        try await withContext(mode, shuffleMemoryLimitBytes: 64 << 10) { context async throws in
            let completedStages = SharedList<TaskMetrics>()
            context.scheduler.addListener { event in
                if case .stageCompleted(_, _, let metrics) = event { completedStages.append(metrics) }
            }
            let dataset = context.parallelize(pairs, partitionCount: 4)
            let grouped = try await dataset.groupByKey(partitionCount: 3).collect()
            #expect(grouped.count == expectedCounts.count)
            #expect(grouped.allSatisfy { expectedCounts[$0.0] == $0.1.count })
            #expect(grouped.allSatisfy { expectedLengths[$0.0] == $0.1.reduce(0) { $0 + $1.utf8.count } })
            let groupSpilledBytes = completedStages.all.reduce(0) { $0 + $1.spilledBytes }
            #expect(groupSpilledBytes > 0)

            let lengths = try await dataset.mapValues { $0.utf8.count }.reduceByKey(partitionCount: 3, +).collect()
            #expect(Dictionary(uniqueKeysWithValues: lengths) == expectedLengths)
            #expect(completedStages.all.reduce(0) { $0 + $1.spilledBytes } > groupSpilledBytes)
        }
    }
}
