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
