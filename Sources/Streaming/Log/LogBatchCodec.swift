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
        var bytesTaken = 0
        _ = try appendRecords(header, batch: batch, from: header.baseOffset, to: &records, bytesTaken: &bytesTaken, bytesMax: .max)
        return records
    }

    /// Appends the records of a checksum-verified batch from offset `firstOffset` on to
    /// `records` (their bytes slices of `batch`, so no array per record) while they fit in
    /// `bytesMax` counted by `StoredRecord.sizeBytes`; a first record is taken whatever its size.
    /// - Parameter bytesTaken: the budget already used; grows by what is appended.
    /// - Returns: false when the budget ran out before the batch's last record.
    /// - Throws: `SluiceError.data` when the records do not fill the batch exactly.
    static func appendRecords(_ header: LogBatchHeader, batch: [UInt8], from firstOffset: Int64, to records: inout [StoredRecord],
                              bytesTaken: inout Int, bytesMax: Int) throws -> Bool {
        var fits = true
        try batch.withUnsafeBytes { raw in
            var position = LogBatchHeader.sizeBytes
            func runsPast() -> SluiceError {
                SluiceError.data("a record runs past the end of its batch", at: SourceLocation(byteOffset: position))
            }
            for index in 0..<Int(header.recordCount) {
                guard position + 12 <= raw.count else { throw runsPast() }
                let timestampMillis = LittleEndianBytes.read(Int64.self, from: raw, at: position)
                let keyLength = Int(LittleEndianBytes.read(Int32.self, from: raw, at: position + 8))
                position += 12
                let keyStart = position
                if keyLength >= 0 {
                    guard position + keyLength + 4 <= raw.count else { throw runsPast() }
                    position += keyLength
                } else if position + 4 > raw.count {
                    throw runsPast()
                }
                let valueLength = Int(LittleEndianBytes.read(UInt32.self, from: raw, at: position))
                position += 4
                guard position + valueLength <= raw.count else { throw runsPast() }
                let valueStart = position
                position += valueLength
                let offset = header.baseOffset + Int64(index)
                guard fits, offset >= firstOffset else { continue }
                let sizeBytes = 16 + Swift.max(0, keyLength) + valueLength
                if !records.isEmpty && bytesTaken + sizeBytes > bytesMax {
                    fits = false
                    continue
                }
                bytesTaken += sizeBytes
                records.append(StoredRecord(offset: offset, timestampMillis: timestampMillis,
                                            keyBytes: keyLength >= 0 ? batch[keyStart..<keyStart + keyLength] : nil,
                                            valueBytes: batch[valueStart..<valueStart + valueLength]))
            }
            guard position == raw.count else {
                throw SluiceError.data("a batch has bytes after its last record", at: SourceLocation(byteOffset: position))
            }
        }
        return fits
    }
}
