/// One session window of a key: its extent, accumulator and how many records it holds.
struct SessionEntry<Acc> {
    var startMillis: Int64
    /// The last event's time plus the gap.
    var endMillis: Int64
    var acc: Acc
    var recordCount: Int64
    /// The source records, kept only within a task and only when late records go to a side
    /// output: a session's lateness is known only once the batch's sessions are merged.
    var sourceRecords: [LogRecord]
}

extension SessionEntry {
    /// Takes another overlapping session into this one.
    mutating func absorb(_ other: SessionEntry<Acc>, merge: (Acc, Acc) -> Acc) {
        startMillis = Swift.min(startMillis, other.startMillis)
        endMillis = Swift.max(endMillis, other.endMillis)
        acc = merge(acc, other.acc)
        recordCount += other.recordCount
        sourceRecords += other.sourceRecords
    }
}
