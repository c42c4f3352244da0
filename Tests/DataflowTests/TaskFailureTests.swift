import Dataflow
import SluiceCore
import Testing

/// A task that keeps failing fails its job with a message naming stage, partition and cause;
/// one that fails once is retried and the job succeeds.
@Suite struct TaskFailureTests {
    @Test(arguments: ExecutionMode.allCases)
    func aClosureThatAlwaysThrowsFailsTheJobAfterFourAttempts(mode: ExecutionMode) async throws {
        for inShuffleMapStage in [false, true] {
            let attempts = SharedCounter()
            try await withContext(mode) { context async throws in
                // 0..<100 in 4 partitions: 42 is in partition 1.
                let mapped = context.parallelize(Array(0..<100), partitionCount: 4).map { number -> Int in
                    if number == 42 {
                        attempts.increment()
                        throw InjectedFailure(description: "cannot map 42")
                    }
                    return number
                }
                let error = await #expect(throws: JobFailure.self) {
                    if inShuffleMapStage {
                        _ = try await mapped.map { ($0 % 3, $0) }.reduceByKey(+).collect()
                    } else {
                        _ = try await mapped.collect()
                    }
                }
                #expect(attempts.value == 4)
                guard let error else { return }
                #expect(error.partition == 1)
                #expect(error.attemptCount == 4)
                #expect(error.cause == "cannot map 42")
                #expect(error.stageName.contains("map"))
                #expect(error.description.contains("stage \(error.stageId) (parallelize → map"))
                #expect(error.description.contains("partition 1 failed 4 times"))
                #expect(error.description.contains("cannot map 42"))
            }
        }
    }

    @Test(arguments: ExecutionMode.allCases)
    func aClosureThatThrowsOnlyOnTheFirstAttemptIsRetried(mode: ExecutionMode) async throws {
        let failedPartitions = SharedList<Int>()
        let firstAttempts = SharedCounter()
        try await withContext(mode) { context async throws in
            let source = context.parallelize(Array(0..<300), partitionCount: 5)
            let flaky = source.derived("flaky") { task, partition, emit in
                if task.attemptNumber == 0 {
                    firstAttempts.increment()
                    failedPartitions.append(partition)
                    throw InjectedFailure(description: "transient failure in partition \(partition)")
                }
                try source.compute(task, partition: partition, emit)
            }
            #expect(try await flaky.collect() == Array(0..<300))
            #expect(failedPartitions.all.sorted() == Array(0..<5))
            let sums = try await flaky.map { ($0 % 4, $0) }.reduceByKey(partitionCount: 2, +).collect()
            #expect(canonical(sums) == canonical(Dictionary((0..<300).map { ($0 % 4, $0) }, uniquingKeysWith: +)))
        }
        #expect(firstAttempts.value == 10)
    }
}
