import SluiceCore

/// The pipeline-specific half of a running query: runs a task's records through the operator
/// chain, merges the tasks' partial results into state, and hands the batch's output to the
/// sink. The driver (`StreamQuery`) does the planning, watermarks and checkpoints around it.
///
/// Threading: `runTask` runs concurrently for different tasks of one batch; every other method
/// runs on the driver's thread between batches.
protocol StreamProcessor: AnyObject {
    var plan: StreamPlan { get }
    var fingerprint: PipelineFingerprint { get }
    /// The topic late records go to, if any.
    var lateRecordsTopic: String? { get }
    /// Pushes the task's records through the chain into `task.partial`.
    func runTask(_ task: StreamTask) throws
    /// Merges the tasks' partials (in task order) into state.
    /// - Returns: late records found only while merging (session windows), with their source
    ///   records when a side output wants them.
    func merge(_ tasks: [StreamTask], watermarkInForceMillis: Int64) throws -> (lateCount: Int64, lateRecords: [LogRecord])
    /// Retires what the new watermark closes and commits the batch's output to the sink.
    func commit(batchId: Int64, watermarkMillis: Int64) throws -> SinkOutcome
    func encodeState(into writer: inout RecordWriter)
    func decodeState(from reader: inout RecordReader) throws(SluiceError)
    /// Forgets all state (before loading a checkpoint).
    func resetState()
    /// Makes the sink's table (if it writes one) exist.
    func prepareSink() throws
}
