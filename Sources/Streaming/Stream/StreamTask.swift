import Dataflow
import SluiceCore

/// One source partition's share of a micro-batch: the offsets it reads and what it found on the
/// way (event times, late records, dead letters). The operators of the pipeline push records
/// into a per-task partial result (`partial`) that the driver merges after all tasks ended.
///
/// Not thread-safe: one task runs on one thread; the driver reads it after the task ended.
@usableFromInline
final class StreamTask {
    /// Position among the batch's tasks (= source partition order); partials merge in this order.
    let index: Int
    let partition: Int
    let startOffset: Int64
    let endOffset: Int64
    /// The watermark computed at the end of the previous batch: records of windows retired by it are late.
    @usableFromInline let watermarkInForceMillis: Int64
    let sourceName: String
    /// The query's name (its transaction id), which dead letters carry: every query of a
    /// pipeline that fails on a record reports it.
    let queryName: String
    /// The fetch size asked of the log.
    let fetchBytesMax: Int
    let clock: any WallClock

    // The per-record fields skip the runtime exclusivity check: a task is touched by one thread
    // at a time and no access to them overlaps another.
    @exclusivity(unchecked) var recordsRead: Int64 = 0
    /// The largest event time seen by the stateful operator or sink; `Int64.min` when none.
    @exclusivity(unchecked) @usableFromInline var maxEventTimeMillis: Int64 = .min
    var lateRecordCount: Int64 = 0
    var deadLetters: [LogRecord] = []
    var lateRecords: [LogRecord] = []
    /// Set by a window operator when the record being pushed was late.
    @exclusivity(unchecked) var currentIsLate = false
    /// The operator chain's per-task result (a window partial or collected elements).
    var partial: AnyObject?

    /// The fetched records and the position of the one being pushed, for dead letters and side
    /// outputs, which need the original record.
    var currentMessages: [StoredRecord] = []
    var currentRows: [Row] = []
    @exclusivity(unchecked) var currentIndex = 0
    @exclusivity(unchecked) var currentOffset: Int64 = 0

    init(index: Int, partition: Int, startOffset: Int64, endOffset: Int64, watermarkInForceMillis: Int64, sourceName: String,
         queryName: String = "", fetchBytesMax: Int, clock: any WallClock) {
        self.queryName = queryName
        self.index = index
        self.partition = partition
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.watermarkInForceMillis = watermarkInForceMillis
        self.sourceName = sourceName
        self.fetchBytesMax = fetchBytesMax
        self.clock = clock
        currentOffset = startOffset
    }

    /// The source record being pushed now, as it would be produced again.
    @usableFromInline
    func currentSourceRecord() -> LogRecord {
        if currentIndex < currentMessages.count {
            let stored = currentMessages[currentIndex]
            return LogRecord(timestampMillis: stored.timestampMillis, key: stored.key, value: stored.value)
        }
        if currentIndex < currentRows.count {
            return LogRecord(timestampMillis: clock.nowMillis(), key: nil, value: Array(currentRows[currentIndex].description.utf8))
        }
        return LogRecord(timestampMillis: clock.nowMillis(), key: nil, value: [])
    }

    /// Sends the current record to the dead-letter output with the reason.
    func recordDeadLetter(_ failure: StreamClosureFailure) {
        let original = currentSourceRecord()
        let letter = DeadLetter(query: queryName, topic: sourceName, partition: partition, offset: currentOffset,
                                operatorName: failure.operatorName,
                                error: failure.reason, value: String(decoding: original.value, as: UTF8.self),
                                timestampMillis: original.timestampMillis)
        deadLetters.append(LogRecord(timestampMillis: clock.nowMillis(), key: original.key, value: letter.jsonBytes()))
    }

    /// Notes that the current record reached a window that already retired.
    @usableFromInline
    func noteLate(keepingRecord: Bool) {
        lateRecordCount += 1
        if keepingRecord && !currentIsLate { lateRecords.append(currentSourceRecord()) }
        currentIsLate = true
    }
}
