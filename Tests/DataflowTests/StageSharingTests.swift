import Dataflow
import SluiceCore
import Testing

/// Shuffle stages are computed once, however many later stages read them.
@Suite struct StageSharingTests {
    @Test(arguments: ExecutionMode.allCases)
    func twoShufflesOfOneShuffledDatasetRunItsMapStageOnce(mode: ExecutionMode) async throws {
        var input = RandomInput(seed: 71)
        let pairs = input.pairs(count: 2_000, keyCount: 40)
        let sums = Dictionary(pairs, uniquingKeysWith: +)
        try await withContext(mode) { context async throws in
            let startedStages = SharedList<String>()
            context.scheduler.addListener { event in
                if case .stageStarted(let progress) = event { startedStages.append(progress.name) }
            }
            let reduced = context.parallelize(pairs, partitionCount: 4).reduceByKey(partitionCount: 3, +)
            let bySign = reduced.map { ($0.1 >= 0, 1) }.reduceByKey(partitionCount: 2, +)
            let byParity = reduced.map { ($0.0 % 2 == 0, 1) }.reduceByKey(partitionCount: 2, +)
            let both = try await bySign.union(byParity).collect()
            #expect(both.count == 4)
            #expect(both.reduce(0) { $0 + $1.1 } == 2 * sums.count)
            let negativeCount = sums.values.filter { $0 < 0 }.count
            #expect(both.contains { $0.0 == false && $0.1 == negativeCount })
            #expect(startedStages.all.filter { $0 == "parallelize" }.count == 1)
            #expect(startedStages.all.count == 4)
        }
    }
}
