import SluiceCore

/// Encodes records as one checksummed batch and decodes them back.
///
/// Each record after the header: `timestampMillis: Int64`, `keyLength: Int32` (-1 for no key),
/// the key, `valueLength: UInt32`, the value.
enum LogBatchCodec {
    /// The batch holding `records` with offsets from `baseOffset` on.
    static func encode(_ records: [LogRecord], baseOffset: Int64) -> [UInt8] {
        precondition(!records.isEmpty, "a batch holds at least one record")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(LogBatchHeader.sizeBytes + records.reduce(0) { $0 + 16 + ($1.key?.count ?? 0) + $1.value.count })
        bytes.append(contentsOf: repeatElement(0, count: LogBatchHeader.frameBytes))
        LittleEndianBytes.append(baseOffset, to: &bytes)
        LittleEndianBytes.append(UInt32(records.count), to: &bytes)
        LittleEndianBytes.append(records.map(\.timestampMillis).max()!, to: &bytes)
        for record in records {
            LittleEndianBytes.append(record.timestampMillis, to: &bytes)
            if let key = record.key {
                LittleEndianBytes.append(Int32(key.count), to: &bytes)
                bytes.append(contentsOf: key)
            } else {
                LittleEndianBytes.append(Int32(-1), to: &bytes)
            }
            LittleEndianBytes.append(UInt32(record.value.count), to: &bytes)
            bytes.append(contentsOf: record.value)
        }
        let checkedLength = UInt32(bytes.count - LogBatchHeader.frameBytes)
        let checksum = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[LogBatchHeader.frameBytes...])) }
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: checkedLength.littleEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: checksum.littleEndian, toByteOffset: 4, as: UInt32.self)
        }
        return bytes
    }

    /// Whether the checksum in `header` matches `batch` (the whole batch, header included).
    static func checksumMatches(_ header: LogBatchHeader, batch: [UInt8]) -> Bool {
        guard batch.count == header.batchSizeBytes else { return false }
        let actual = batch.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[LogBatchHeader.frameBytes...])) }
        return actual == header.checksum
    }

    /// The records of a checksum-verified batch; their bytes are slices of `batch`.
    /// - Throws: `SluiceError.data` when the records do not fill the batch exactly.
    static func decodeRecords(_ header: LogBatchHeader, batch: [UInt8]) throws -> [StoredRecord] {
        var records: [StoredRecord] = []
        records.reserveCapacity(Int(header.recordCount))
        try batch.withUnsafeBytes { raw in
            var position = LogBatchHeader.sizeBytes
            func take(_ count: Int) throws -> Int {
                guard count >= 0, position + count <= raw.count else {
                    throw SluiceError.data("a record runs past the end of its batch", at: SourceLocation(byteOffset: position))
                }
                defer { position += count }
                return position
            }
            for index in 0..<Int(header.recordCount) {
                let timestampMillis = LittleEndianBytes.read(Int64.self, from: raw, at: try take(8))
                let keyLength = Int(LittleEndianBytes.read(Int32.self, from: raw, at: try take(4)))
                var key: ArraySlice<UInt8>?
                if keyLength >= 0 {
                    let start = try take(keyLength)
                    key = batch[start..<start + keyLength]
                }
                let valueLength = Int(LittleEndianBytes.read(UInt32.self, from: raw, at: try take(4)))
                let valueStart = try take(valueLength)
                records.append(StoredRecord(offset: header.baseOffset + Int64(index), timestampMillis: timestampMillis, keyBytes: key,
                                            valueBytes: batch[valueStart..<valueStart + valueLength]))
            }
            guard position == raw.count else {
                throw SluiceError.data("a batch has bytes after its last record", at: SourceLocation(byteOffset: position))
            }
        }
        return records
    }
}
