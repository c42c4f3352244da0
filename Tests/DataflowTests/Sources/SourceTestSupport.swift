import Dataflow
import SluiceCore
import Testing

/// A temporary folder and a local context for source and sink tests; `close()` removes both.
final class SourceTestBench: @unchecked Sendable {
    let folder: String
    let context: DataflowContext
    private let metricsLock = Mutex()
    private var stageMetrics = TaskMetrics()

    init(_ name: String, badRecordPolicy: BadRecordPolicy = .fail, splitSizeBytes: Int = 32 << 20,
         parallelism: Int = 2) throws {
        folder = "/tmp/sluice-\(name)-\(UInt32.random(in: 0...UInt32.max))"
        try LocalFileSystem().makeDirectories(folder)
        context = try DataflowContext(config: ExecutionConfig(
            master: .local(threadCount: 2), defaultParallelism: parallelism, workDirectory: "\(folder)/work",
            badRecordPolicy: badRecordPolicy, splitSizeBytes: splitSizeBytes))
        context.scheduler.addListener { [self] event in
            if case .stageCompleted(_, _, let metrics) = event { metricsLock.withLock { stageMetrics.add(metrics) } }
        }
    }

    /// Metrics of every stage completed so far, summed.
    var metrics: TaskMetrics { metricsLock.withLock { stageMetrics } }

    func write(_ text: String, to name: String) throws -> String {
        let path = "\(folder)/\(name)"
        try LocalFileSystem().write(Array(text.utf8), to: path)
        return path
    }

    func close() {
        context.close()
        try? LocalFileSystem().delete(folder, recursive: true)
    }
}

/// The rows' values, in partition order.
func collectValues(_ dataset: Dataset<Row>) async throws -> [[Value]] {
    try await dataset.collect().map(\.values)
}
