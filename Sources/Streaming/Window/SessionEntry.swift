/// One session window of a key: its extent, accumulator and how many records it holds.
@usableFromInline
struct SessionEntry<Acc> {
    @usableFromInline var startMillis: Int64
    /// The last event's time plus the gap.
    @usableFromInline var endMillis: Int64
    @usableFromInline var acc: Acc
    @usableFromInline var recordCount: Int64
    /// The source records, kept only within a task and only when late records go to a side
    /// output: a session's lateness is known only once the batch's sessions are merged.
    @usableFromInline var sourceRecords: [LogRecord]

    @inlinable
    init(startMillis: Int64, endMillis: Int64, acc: Acc, recordCount: Int64, sourceRecords: [LogRecord]) {
        self.startMillis = startMillis
        self.endMillis = endMillis
        self.acc = acc
        self.recordCount = recordCount
        self.sourceRecords = sourceRecords
    }

    /// Takes another overlapping session into this one.
    @inlinable
    mutating func absorb(_ other: SessionEntry<Acc>, merge: (Acc, Acc) -> Acc) {
        startMillis = Swift.min(startMillis, other.startMillis)
        endMillis = Swift.max(endMillis, other.endMillis)
        acc = merge(acc, other.acc)
        recordCount += other.recordCount
        sourceRecords += other.sourceRecords
    }

    /// Adds a session to a key's sessions (sorted by start, disjoint), merging it with every
    /// session it overlaps; the merged accumulator folds them in start order, the new one last.
    @inlinable
    static func insert(_ entry: SessionEntry<Acc>, into list: inout [SessionEntry<Acc>], merge: (Acc, Acc) -> Acc) {
        var first = list.count
        var last = -1
        for index in list.indices where list[index].startMillis < entry.endMillis && entry.startMillis < list[index].endMillis {
            first = Swift.min(first, index)
            last = index
        }
        guard last >= 0 else {
            let position = list.firstIndex { $0.startMillis > entry.startMillis } ?? list.count
            list.insert(entry, at: position)
            return
        }
        var merged = list[first]
        for index in list.indices where index > first && index <= last { merged.absorb(list[index], merge: merge) }
        merged.absorb(entry, merge: merge)
        list.replaceSubrange(first...last, with: [merged])
    }
}
