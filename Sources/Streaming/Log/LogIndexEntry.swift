/// One sparse index point of a segment: where a batch starts and what came before it.
///
/// Stored in two files in step: `.index` holds `relativeOffset: UInt32, position: UInt32`,
/// `.timeindex` holds `maxTimestampBeforeMillis: Int64, relativeOffset: UInt32`, little-endian.
struct LogIndexEntry: Equatable {
    static let offsetIndexEntryBytes = 8
    static let timeIndexEntryBytes = 12

    /// The batch's base offset minus the segment's base offset.
    var relativeOffset: UInt32
    /// The batch's byte position in the log file.
    var position: UInt32
    /// The newest timestamp of all records of the segment before this batch; `Int64.min` if none.
    var maxTimestampBeforeMillis: Int64

    var offsetIndexBytes: [UInt8] {
        var bytes: [UInt8] = []
        LittleEndianBytes.append(relativeOffset, to: &bytes)
        LittleEndianBytes.append(position, to: &bytes)
        return bytes
    }

    var timeIndexBytes: [UInt8] {
        var bytes: [UInt8] = []
        LittleEndianBytes.append(maxTimestampBeforeMillis, to: &bytes)
        LittleEndianBytes.append(relativeOffset, to: &bytes)
        return bytes
    }
}

extension LogIndexEntry {
    /// The byte position of the batch to start scanning from to find the record `relativeOffset`
    /// past the segment's base offset: that of the last entry at or before it.
    static func startPosition(in entries: [LogIndexEntry], forRelativeOffset relativeOffset: Int64) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if Int64(entries[middle].relativeOffset) <= relativeOffset { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : Int(entries[low - 1].position)
    }

    /// The byte position to start scanning from to find the first record at or after
    /// `timestampMillis`: that of the last entry all of whose earlier records are older.
    static func startPosition(in entries: [LogIndexEntry], forTimestamp timestampMillis: Int64) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].maxTimestampBeforeMillis < timestampMillis { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : Int(entries[low - 1].position)
    }

    /// The entries stored in a pair of index files, as far as both agree and stay ordered.
    static func parse(offsetIndexBytes: [UInt8], timeIndexBytes: [UInt8]) -> [LogIndexEntry] {
        let count = min(offsetIndexBytes.count / offsetIndexEntryBytes, timeIndexBytes.count / timeIndexEntryBytes)
        var parsed: [LogIndexEntry] = []
        parsed.reserveCapacity(count)
        for index in 0..<count {
            let offsetAt = index * offsetIndexEntryBytes
            let timeAt = index * timeIndexEntryBytes
            let entry = LogIndexEntry(
                relativeOffset: LittleEndianBytes.read(UInt32.self, from: offsetIndexBytes, at: offsetAt),
                position: LittleEndianBytes.read(UInt32.self, from: offsetIndexBytes, at: offsetAt + 4),
                maxTimestampBeforeMillis: LittleEndianBytes.read(Int64.self, from: timeIndexBytes, at: timeAt))
            let ordered = parsed.last.map { $0.relativeOffset < entry.relativeOffset && $0.position < entry.position }
                ?? (entry.relativeOffset == 0 && entry.position == 0)
            guard ordered, LittleEndianBytes.read(UInt32.self, from: timeIndexBytes, at: timeAt + 8) == entry.relativeOffset else { break }
            parsed.append(entry)
        }
        return parsed
    }
}
