/// The fixed front of a batch of records in a segment file.
///
/// Layout, little-endian: `checkedLength: UInt32` (bytes after the checksum), `checksum: UInt32`
/// (CRC-32C of those bytes), `baseOffset: Int64`, `recordCount: UInt32`, `maxTimestampMillis:
/// Int64`, then the records. The length and checksum let recovery tell a torn write from data.
struct LogBatchHeader: Equatable {
    static let sizeBytes = 28
    /// The bytes before the checksummed part: the length and the checksum.
    static let frameBytes = 8

    var checkedLength: UInt32
    var checksum: UInt32
    var baseOffset: Int64
    var recordCount: UInt32
    var maxTimestampMillis: Int64

    /// The whole batch on disk, header included.
    var batchSizeBytes: Int { Self.frameBytes + Int(checkedLength) }

    var nextOffset: Int64 { baseOffset + Int64(recordCount) }

    /// Reads a header from the first `sizeBytes` of `bytes`; nil when the length cannot be one.
    init?(parsing bytes: [UInt8]) {
        guard bytes.count >= Self.sizeBytes else { return nil }
        checkedLength = LittleEndianBytes.read(UInt32.self, from: bytes, at: 0)
        checksum = LittleEndianBytes.read(UInt32.self, from: bytes, at: 4)
        baseOffset = LittleEndianBytes.read(Int64.self, from: bytes, at: 8)
        recordCount = LittleEndianBytes.read(UInt32.self, from: bytes, at: 16)
        maxTimestampMillis = LittleEndianBytes.read(Int64.self, from: bytes, at: 20)
        guard Int(checkedLength) >= Self.sizeBytes - Self.frameBytes, recordCount > 0, baseOffset >= 0 else { return nil }
    }
}
