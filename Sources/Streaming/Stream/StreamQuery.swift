import Logging
import SluiceCore

/// A running pipeline: a stream and its sink, driven in micro-batches with checkpoints.
///
/// Batch N: (1) plan the offsets each source partition reads and write `offsets/N` (or reuse
/// it, when a crash interrupted batch N); (2) run one task per source partition on
/// `taskThreadCount` threads; (3) merge the tasks' partials in partition order; (4) advance the
/// watermark (the smallest over partitions that had records of largest event time minus the
/// out-of-orderness) and retire the windows it closes; (5) produce dead letters and late records,
/// and commit to the sink; (6) write `state/N`. A crash between (5) and (6) replays N from its
/// offsets and the table sink skips the commit it already has.
///
/// Threading: `runBatch` and `run` are called from one thread at a time; `progress` and
/// `lastCheckpoint` may be read from any thread.
public final class StreamQuery: @unchecked Sendable {
    // Sendable: the driver state is touched by the running thread only; what other threads
    // read is guarded by `lock`.
    public let pipelineName: String
    let configuration: StreamingConfiguration
    let log: any TopicLog
    let processor: any StreamProcessor
    let checkpoints: StreamCheckpointStore
    private let logger = Logger(label: "sluice.streaming")
    private let lock = Mutex()
    private var lastProgress: BatchProgress?
    private var lastCheckpointBatchId: Int64?
    private var lastTotals: (recordsRead: Int64, lateRecords: Int64, deadLetters: Int64) = (0, 0, 0)
    /// Loaded from the checkpoint on the first batch; nil until then or after a failed batch.
    private var state: StreamCheckpointState?

    init(configuration: StreamingConfiguration, log: any TopicLog, processor: any StreamProcessor) throws {
        self.configuration = configuration
        self.log = log
        self.processor = processor
        pipelineName = configuration.pipelineName
        checkpoints = try StreamCheckpointStore(location: configuration.checkpointLocation, fileSystems: configuration.fileSystems)
    }

    /// The last batch's progress, nil before the first.
    public var progress: BatchProgress? { lock.withLock { lastProgress } }

    /// The newest batch whose state is checkpointed, nil before the first.
    public var lastCheckpoint: Int64? { lock.withLock { lastCheckpointBatchId } }

    /// The fingerprint this query's checkpoints carry.
    public var fingerprint: PipelineFingerprint { processor.fingerprint }

    /// Whether records a closure threw on are produced to the dead-letter topic (they are counted
    /// either way). A pipeline whose queries parse the same records turns it off for all but one,
    /// so each bad record is reported once. Set it before the first batch.
    public var sendsDeadLetters = true

    /// Creates the table the query writes, if it writes one and it does not exist yet, so that
    /// readers (views) can name it before the first batch with records.
    public func prepareSink() throws { try processor.prepareSink() }

    /// Per source partition, the next offset the query reads: after its last batch, or from its
    /// checkpoint once recovered; nil before. Read it from the thread that runs the query.
    public var nextOffsets: [Int64]? { state?.nextOffsets }

    /// Records read, late and sent to dead letters over the pipeline's life (from its checkpoints).
    public var totals: (recordsRead: Int64, lateRecords: Int64, deadLetters: Int64) {
        lock.withLock { lastTotals }
    }

    // MARK: Running

    /// Runs batches until `condition` holds.
    /// - Returns: the progress of every batch that had records.
    @discardableResult
    public func run(until condition: RunCondition) throws -> [BatchProgress] {
        var done: [BatchProgress] = []
        switch condition {
        case .batches(let count):
            while done.count < count {
                let progress = try runBatch()
                if progress.batchId >= 0 { done.append(progress) } else { break }
            }
        case .caughtUp:
            try recoverIfNeeded()
            let target = try processor.plan.source.endOffsets()
            while let state, zip(state.nextOffsets, target).contains(where: { $0 < $1 }) {
                let progress = try runBatch()
                guard progress.batchId >= 0 else { break }
                done.append(progress)
            }
        case .stopped(let token):
            while !token.isStopped {
                let progress = try runBatch()
                if progress.batchId >= 0 {
                    done.append(progress)
                } else {
                    token.wait(millis: configuration.triggerIntervalMillis)
                }
            }
        }
        return done
    }

    /// Runs one micro-batch over the records available now (up to the per-partition cap).
    /// - Returns: its progress; `batchId` -1 when there were no new records.
    /// - Throws: user errors for a checkpoint of another pipeline, data errors for a damaged
    ///   checkpoint, and whatever the log, the sink or the file system throws; the next call
    ///   starts again from the last checkpoint.
    public func runBatch() throws -> BatchProgress {
        try recoverIfNeeded()
        do {
            return try runPlannedBatch()
        } catch {
            // The in-memory state may hold part of the failed batch: reload before the next one.
            state = nil
            throw error
        }
    }

    private func runPlannedBatch() throws -> BatchProgress {
        guard var current = state else { throw SluiceError.internal("batch planned before recovery") }
        let batchId = current.batchId + 1
        let source = processor.plan.source
        guard let (offsets, isReplay) = try planBatch(batchId, after: current) else {
            return BatchProgress(batchId: -1, watermarkMillis: watermarkText(current))
        }
        while current.maxEventTimeMillis.count < offsets.startOffsets.count { current.maxEventTimeMillis.append(.min) }

        let tasks = offsets.startOffsets.indices.map { partition in
            StreamTask(index: partition, partition: partition, startOffset: offsets.startOffsets[partition],
                       endOffset: offsets.endOffsets[partition], watermarkInForceMillis: current.watermarkMillis,
                       sourceName: source.sourceName, queryName: configuration.pipelineName, fetchBytesMax: configuration.fetchBytesMax, clock: configuration.clock)
        }
        try StreamTaskRunner.run(tasks, processor: processor, threadCount: configuration.taskThreadCount)
        var (lateCount, lateRecords) = try processor.merge(tasks, watermarkInForceMillis: current.watermarkMillis)

        var recordsRead: Int64 = 0
        var deadLetters: [LogRecord] = []
        for task in tasks {
            recordsRead += task.recordsRead
            lateCount += task.lateRecordCount
            lateRecords += task.lateRecords
            deadLetters += task.deadLetters
            if task.maxEventTimeMillis > current.maxEventTimeMillis[task.partition] {
                current.maxEventTimeMillis[task.partition] = task.maxEventTimeMillis
            }
        }
        current.watermarkMillis = nextWatermark(current)
        if sendsDeadLetters { try produce(deadLetters, to: configuration.deadLetterTopic) }
        if let lateTopic = processor.lateRecordsTopic { try produce(lateRecords, to: lateTopic) }
        let outcome = try processor.commit(batchId: batchId, watermarkMillis: current.watermarkMillis)

        current.batchId = batchId
        current.nextOffsets = offsets.endOffsets
        current.recordsReadTotal += recordsRead
        current.lateRecordsTotal += lateCount
        current.deadLettersTotal += Int64(deadLetters.count)
        try writeCheckpoint(current)
        state = current
        let progress = BatchProgress(batchId: batchId, recordsRead: recordsRead, startOffsets: offsets.startOffsets,
                                     endOffsets: offsets.endOffsets, watermarkMillis: watermarkText(current),
                                     lateRecordCount: lateCount, deadLetterCount: Int64(deadLetters.count),
                                     windowsRetired: outcome.windowsRetired, rowsCommitted: outcome.rowsCommitted,
                                     tableVersion: outcome.tableVersion, sinkSkippedAsCommitted: outcome.skippedAsCommitted,
                                     isReplay: isReplay)
        lock.withLock {
            lastProgress = progress
            lastCheckpointBatchId = batchId
            lastTotals = (current.recordsReadTotal, current.lateRecordsTotal, current.deadLettersTotal)
        }
        logger.debug("batch \(batchId) of \(pipelineName): \(recordsRead) records, \(lateCount) late, \(deadLetters.count) dead letters")
        return progress
    }

    /// The offsets batch `batchId` reads: those an earlier attempt wrote (a replay), else up to
    /// the cap past where `current` stopped, written to `offsets/<batchId>` before the batch runs.
    /// - Returns: nil when no partition has new records (nothing is written then).
    private func planBatch(_ batchId: Int64, after current: StreamCheckpointState) throws -> (BatchOffsets, isReplay: Bool)? {
        if let stored = try checkpoints.readOffsets(batchId) {
            _ = try refreshTableLookups(pinnedTo: stored.tableVersions)
            return (stored, true)
        }
        let source = processor.plan.source
        let ends = try source.endOffsets()
        var starts = current.nextOffsets
        guard ends.count >= starts.count else {
            throw SluiceError.userInput("\(source.sourceDescription) has \(ends.count) partitions, fewer than the \(starts.count) "
                                        + "of checkpoint \(checkpoints.location)")
        }
        if ends.count > starts.count {
            // Partitions added to the topic start where the pipeline's starting position says.
            let initial = try source.initialOffsets()
            starts += initial[starts.count..<Swift.min(initial.count, ends.count)]
        }
        let cap = configuration.recordsPerPartitionPerBatchMax
        var planned = BatchOffsets(batchId: batchId, source: source.sourceDescription, startOffsets: starts,
                                   endOffsets: starts.indices.map { Swift.min(ends[$0], starts[$0] + cap) })
        guard planned.recordCount > 0 else { return nil }
        planned.tableVersions = try refreshTableLookups(pinnedTo: nil)
        try checkpoints.writeOffsets(planned)
        return (planned, false)
    }

    /// Produces side-output records (dead letters, late records), creating the topic if needed.
    private func produce(_ records: [LogRecord], to topic: String) throws {
        guard !records.isEmpty else { return }
        try StreamTopics.ensure(topic, in: log)
        _ = try log.produce(topic: topic, records: records)
    }

    /// Loads the joined tables at the versions a replayed batch used, or at their newest
    /// versions for a new batch.
    /// - Returns: the versions loaded, by table location; nil without joins.
    private func refreshTableLookups(pinnedTo versions: [String: Int64]?) throws -> [String: Int64]? {
        let lookups = processor.plan.tableLookups
        guard !lookups.isEmpty else { return nil }
        var loaded: [String: Int64] = [:]
        for lookup in lookups { loaded[lookup.location] = try lookup.refresh(version: versions?[lookup.location]) }
        return loaded
    }

    /// The smallest, over partitions that have had records, of largest event time minus the
    /// out-of-orderness; never moves back. Without `withWatermark`, nothing retires.
    private func nextWatermark(_ state: StreamCheckpointState) -> Int64 {
        guard let delay = processor.plan.watermarkDelayMillis else { return state.watermarkMillis }
        let seen = state.maxEventTimeMillis.filter { $0 != .min }
        guard let smallest = seen.min() else { return state.watermarkMillis }
        return Swift.max(state.watermarkMillis, smallest &- delay)
    }

    private func watermarkText(_ state: StreamCheckpointState) -> Int64? {
        state.watermarkMillis == .min ? nil : state.watermarkMillis
    }

    // MARK: Checkpoints

    /// The query's standing by its newest checkpoint, read without running it (another process
    /// may be running it); nil before its first checkpoint.
    /// - Throws: a data error naming the file for a damaged checkpoint.
    public func newestCheckpoint() throws -> StreamQueryCheckpoint? {
        guard let batchId = try checkpoints.latestStateBatchId() else { return nil }
        let payload = try checkpoints.readStatePayload(batchId)
        let decoded = payload.withUnsafeBytes { raw -> Result<StreamCheckpointState, SluiceError> in
            var reader = RecordReader(raw)
            do throws(SluiceError) {
                return .success(try StreamCheckpointState.decode(from: &reader))
            } catch {
                return .failure(error)
            }
        }
        let state: StreamCheckpointState
        switch decoded {
        case .success(let value): state = value
        case .failure(let error): throw error.located(SourceLocation(file: checkpoints.statePath(batchId)))
        }
        return StreamQueryCheckpoint(batchId: state.batchId, nextOffsets: state.nextOffsets, watermarkMillis: watermarkText(state),
                                     recordsRead: state.recordsReadTotal, lateRecords: state.lateRecordsTotal,
                                     deadLetters: state.deadLettersTotal)
    }

    private func recoverIfNeeded() throws {
        guard state == nil else { return }
        let fingerprint = processor.fingerprint
        if let metadata = try checkpoints.readMetadata() {
            let differences = fingerprint.differences(from: metadata.fingerprint)
            if !differences.isEmpty {
                throw SluiceError.userInput("checkpoint \(checkpoints.location) belongs to a different pipeline: "
                                            + differences.joined(separator: "; ") + "; use a new checkpoint location or reprocess")
            }
        } else {
            try checkpoints.writeMetadata(StreamCheckpointMetadata(formatVersion: StreamCheckpointStore.formatVersion,
                                                                   pipelineName: pipelineName, fingerprint: fingerprint))
        }
        processor.resetState()
        if let batchId = try checkpoints.latestStateBatchId() {
            let payload = try checkpoints.readStatePayload(batchId)
            let file = checkpoints.statePath(batchId)
            let loaded = payload.withUnsafeBytes { raw -> Result<StreamCheckpointState, SluiceError> in
                var reader = RecordReader(raw)
                do throws(SluiceError) {
                    let loaded = try StreamCheckpointState.decode(from: &reader)
                    try processor.decodeState(from: &reader)
                    return .success(loaded)
                } catch {
                    return .failure(error)
                }
            }
            let recovered: StreamCheckpointState
            switch loaded {
            case .success(let value): recovered = value
            case .failure(let error): throw error.located(SourceLocation(file: file))
            }
            state = recovered
            lock.withLock {
                lastCheckpointBatchId = batchId
                lastTotals = (recovered.recordsReadTotal, recovered.lateRecordsTotal, recovered.deadLettersTotal)
            }
        } else {
            let initial = try checkpoints.readOffsets(0)?.startOffsets ?? processor.plan.source.initialOffsets()
            state = StreamCheckpointState(batchId: -1, nextOffsets: initial,
                                          maxEventTimeMillis: Array(repeating: .min, count: initial.count), watermarkMillis: .min,
                                          recordsReadTotal: 0, lateRecordsTotal: 0, deadLettersTotal: 0)
        }
    }

    private func writeCheckpoint(_ state: StreamCheckpointState) throws {
        var writer = RecordWriter(capacityBytes: 4096)
        state.encode(into: &writer)
        processor.encodeState(into: &writer)
        try checkpoints.writeState(state.batchId, payload: writer.finish())
        let oldestKept = state.batchId - Int64(configuration.checkpointsKept) + 1
        if oldestKept > 0 { try checkpoints.prune(before: oldestKept) }
    }
}
