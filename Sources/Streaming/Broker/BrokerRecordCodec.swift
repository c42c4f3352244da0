import SluiceCore

/// The broker's compact binary form of records (`application/x-sluice-records`), for produce
/// requests and fetch answers. All integers little-endian:
///
/// ```
/// produce body:  crc32c:UInt32  count:UInt32  count × (timestamp:Int64  keyLength:Int32  key  valueLength:Int32  value)
/// fetch answer:  crc32c:UInt32  count:UInt32  nextOffset:Int64  startOffset:Int64  endOffset:Int64
///                count × (offset:Int64  timestamp:Int64  keyLength:Int32  key  valueLength:Int32  value)
/// ```
/// `keyLength` is −1 for a record without a key. The CRC-32C covers every byte after it.
/// Stateless; call from any thread.
public enum BrokerRecordCodec {
    public static let contentType = "application/x-sluice-records"

    private static let produceHeaderBytes = 8
    private static let fetchHeaderBytes = 8 + 24

    /// Encodes records to produce.
    public static func encode(_ records: [LogRecord]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(produceHeaderBytes + records.reduce(0) { $0 + 16 + ($1.key?.count ?? 0) + $1.value.count })
        LittleEndianBytes.append(UInt32(0), to: &bytes)
        LittleEndianBytes.append(UInt32(records.count), to: &bytes)
        for record in records {
            LittleEndianBytes.append(record.timestampMillis, to: &bytes)
            appendFields(key: record.key?[...], value: record.value[...], to: &bytes)
        }
        sealChecksum(&bytes)
        return bytes
    }

    /// Decodes a produce body.
    /// - Throws: `SluiceError.data` naming the byte offset when the body is cut short, too
    ///   long, or its checksum does not match.
    public static func decodeRecords(_ bytes: [UInt8]) throws -> [LogRecord] {
        var reader = try FrameReader(bytes, headerBytes: produceHeaderBytes)
        var records: [LogRecord] = []
        records.reserveCapacity(min(reader.count, bytes.count / 16))
        for _ in 0..<reader.count {
            let timestamp = try reader.read(Int64.self)
            let key = try reader.readKey()
            let value = try reader.readBytes()
            records.append(LogRecord(timestampMillis: timestamp, key: key, value: value))
        }
        try reader.expectEnd()
        return records
    }

    /// Encodes a fetch answer.
    public static func encode(_ fetched: FetchedRecords) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fetchHeaderBytes + fetched.records.reduce(0) { $0 + 8 + $1.sizeBytes })
        LittleEndianBytes.append(UInt32(0), to: &bytes)
        LittleEndianBytes.append(UInt32(fetched.records.count), to: &bytes)
        LittleEndianBytes.append(fetched.nextOffset, to: &bytes)
        LittleEndianBytes.append(fetched.partitionStartOffset, to: &bytes)
        LittleEndianBytes.append(fetched.partitionEndOffset, to: &bytes)
        for record in fetched.records {
            LittleEndianBytes.append(record.offset, to: &bytes)
            LittleEndianBytes.append(record.timestampMillis, to: &bytes)
            appendFields(key: record.keyBytes, value: record.valueBytes, to: &bytes)
        }
        sealChecksum(&bytes)
        return bytes
    }

    /// Decodes a fetch answer.
    /// - Throws: `SluiceError.data` as `decodeRecords` does.
    public static func decodeFetched(_ bytes: [UInt8]) throws -> FetchedRecords {
        var reader = try FrameReader(bytes, headerBytes: fetchHeaderBytes)
        let nextOffset = try reader.read(Int64.self)
        let startOffset = try reader.read(Int64.self)
        let endOffset = try reader.read(Int64.self)
        var records: [StoredRecord] = []
        records.reserveCapacity(min(reader.count, bytes.count / 16))
        for _ in 0..<reader.count {
            let offset = try reader.read(Int64.self)
            let timestamp = try reader.read(Int64.self)
            let key = try reader.readKey()
            let value = try reader.readBytes()
            records.append(StoredRecord(offset: offset, timestampMillis: timestamp, key: key, value: value))
        }
        try reader.expectEnd()
        return FetchedRecords(records: records, nextOffset: nextOffset, partitionStartOffset: startOffset, partitionEndOffset: endOffset)
    }

    private static func appendFields(key: ArraySlice<UInt8>?, value: ArraySlice<UInt8>, to bytes: inout [UInt8]) {
        if let key {
            LittleEndianBytes.append(Int32(key.count), to: &bytes)
            bytes.append(contentsOf: key)
        } else {
            LittleEndianBytes.append(Int32(-1), to: &bytes)
        }
        LittleEndianBytes.append(Int32(value.count), to: &bytes)
        bytes.append(contentsOf: value)
    }

    private static func sealChecksum(_ bytes: inout [UInt8]) {
        let checksum = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[4...])) }
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: checksum.littleEndian, toByteOffset: 0, as: UInt32.self) }
    }

    /// Reads the fields of a body whose checksum and count were checked on creation.
    private struct FrameReader {
        let bytes: [UInt8]
        let count: Int
        var position = 8

        init(_ bytes: [UInt8], headerBytes: Int) throws {
            guard bytes.count >= headerBytes else {
                throw SluiceError.data("records body of \(bytes.count) bytes is shorter than its \(headerBytes)-byte header")
            }
            let stored = LittleEndianBytes.read(UInt32.self, from: bytes, at: 0)
            let computed = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[4...])) }
            guard stored == computed else {
                throw SluiceError.data("records body checksum mismatch (stored \(stored), computed \(computed))", at: SourceLocation(byteOffset: 0))
            }
            self.bytes = bytes
            self.count = Int(LittleEndianBytes.read(UInt32.self, from: bytes, at: 4))
        }

        mutating func read<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
            let size = MemoryLayout<T>.size
            guard position + size <= bytes.count else { throw truncated() }
            defer { position += size }
            return LittleEndianBytes.read(T.self, from: bytes, at: position)
        }

        mutating func readKey() throws -> [UInt8]? {
            let length = try read(Int32.self)
            if length == -1 { return nil }
            return try readBytes(count: length)
        }

        mutating func readBytes() throws -> [UInt8] { try readBytes(count: try read(Int32.self)) }

        private mutating func readBytes(count length: Int32) throws -> [UInt8] {
            guard length >= 0 else {
                throw SluiceError.data("negative field length \(length) in a records body", at: SourceLocation(byteOffset: position - 4))
            }
            guard position + Int(length) <= bytes.count else { throw truncated() }
            defer { position += Int(length) }
            return Array(bytes[position..<position + Int(length)])
        }

        func expectEnd() throws {
            guard position == bytes.count else {
                throw SluiceError.data("\(bytes.count - position) bytes after the last of \(count) records", at: SourceLocation(byteOffset: position))
            }
        }

        private func truncated() -> SluiceError {
            SluiceError.data("records body of \(bytes.count) bytes ends inside a record (\(count) announced)", at: SourceLocation(byteOffset: position))
        }
    }
}
