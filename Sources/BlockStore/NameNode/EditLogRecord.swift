import SluiceCore

/// The framing of one edit-log record:
/// `[u32 LE payload length][u32 LE CRC-32C of txid+payload][u64 LE txid][payload]`.
/// The checksum covers the txid so a record cannot be replayed under another number; the length
/// is outside it, so a damaged length shows up as a checksum mismatch of the bytes it frames.
enum EditLogRecord {
    static let headerLengthBytes = 16
    /// A bound on one record's payload, so a damaged length field is recognized cheaply.
    static let payloadLengthBytesMax = 64 * 1024 * 1024

    /// Appends the framed record to `buffer`.
    static func append(txid: UInt64, payload: [UInt8], to buffer: inout [UInt8]) {
        let checksum = self.checksum(txid: txid, payload: payload[...])
        appendLittleEndian(UInt32(payload.count), to: &buffer)
        appendLittleEndian(checksum, to: &buffer)
        appendLittleEndian(txid, to: &buffer)
        buffer.append(contentsOf: payload)
    }

    static func checksum(txid: UInt64, payload: ArraySlice<UInt8>) -> UInt32 {
        var txidBytes: [UInt8] = []
        appendLittleEndian(txid, to: &txidBytes)
        let crc = txidBytes.withUnsafeBytes { CRC32C.checksum($0) }
        return payload.withUnsafeBytes { CRC32C.checksum($0, continuing: crc) }
    }

    /// A record that frames correctly at `offset` of `bytes`: the txid, where its payload is,
    /// and where the next record starts. Nil when the bytes there are short or do not check out.
    static func decode(_ bytes: [UInt8], at offset: Int) -> (txid: UInt64, payload: Range<Int>, end: Int)? {
        guard bytes.count - offset >= headerLengthBytes else { return nil }
        let payloadLength = Int(readLittleEndian(UInt32.self, bytes, at: offset))
        guard payloadLength <= payloadLengthBytesMax else { return nil }
        let payloadStart = offset + headerLengthBytes
        let end = payloadStart + payloadLength
        guard end <= bytes.count else { return nil }
        let storedChecksum = readLittleEndian(UInt32.self, bytes, at: offset + 4)
        let txid = readLittleEndian(UInt64.self, bytes, at: offset + 8)
        guard checksum(txid: txid, payload: bytes[payloadStart..<end]) == storedChecksum else { return nil }
        return (txid, payloadStart..<end, end)
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        var remaining = value.littleEndian
        withUnsafeBytes(of: &remaining) { buffer.append(contentsOf: $0) }
    }

    static func readLittleEndian<T: FixedWidthInteger>(_ type: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size {
            value |= T(bytes[offset + index]) << (8 * index)
        }
        return value
    }
}
