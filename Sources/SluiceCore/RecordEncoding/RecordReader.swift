/// Reads shuffle-encoded values from raw memory, checking every read against the end.
///
/// The reader does not own its bytes: the memory must outlive it (read inside
/// `withUnsafeBytes`). Not `Sendable` for that reason.
public struct RecordReader {
    /// The bytes being read.
    public let bytes: UnsafeRawBufferPointer

    @usableFromInline var nextByteOffset: Int

    /// Where the next read starts, from the start of `bytes`.
    @inlinable
    public var byteOffset: Int { nextByteOffset }

    /// Creates a reader positioned at the first byte.
    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        nextByteOffset = 0
    }

    /// How many bytes are left to read.
    @inlinable
    public var remainingByteCount: Int { bytes.count - byteOffset }

    /// True when every byte has been read.
    @inlinable
    public var isAtEnd: Bool { byteOffset >= bytes.count }

    /// The error for a value that starts at `byteOffset` but runs past the end.
    @usableFromInline
    static func truncated(at byteOffset: Int) -> SluiceError {
        .data("truncated record at byte \(byteOffset)", at: SourceLocation(byteOffset: byteOffset))
    }

    /// The error for bytes that are present but are not a valid encoding.
    @usableFromInline
    static func invalid(_ what: String, at byteOffset: Int) -> SluiceError {
        .data("invalid \(what) at byte \(byteOffset)", at: SourceLocation(byteOffset: byteOffset))
    }

    /// Reads one byte.
    ///
    /// - Throws: `SluiceError.data` at the end of the bytes.
    @inlinable
    public mutating func readByte() throws(SluiceError) -> UInt8 {
        let offset = byteOffset
        guard offset < bytes.count else { throw Self.truncated(at: offset) }
        nextByteOffset = offset + 1
        return bytes[offset]
    }

    /// Reads an integer written by `RecordWriter.writeLittleEndian`.
    ///
    /// - Throws: `SluiceError.data` when fewer than `MemoryLayout<T>.size` bytes are left.
    @inlinable
    public mutating func readLittleEndian<T: FixedWidthInteger>(_ type: T.Type = T.self) throws(SluiceError) -> T {
        let offset = byteOffset
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { throw Self.truncated(at: offset) }
        nextByteOffset = offset + size
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// Reads an integer written by `RecordWriter.writeBigEndian`.
    ///
    /// - Throws: `SluiceError.data` when fewer than `MemoryLayout<T>.size` bytes are left.
    @inlinable
    public mutating func readBigEndian<T: FixedWidthInteger>(_ type: T.Type = T.self) throws(SluiceError) -> T {
        let offset = byteOffset
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { throw Self.truncated(at: offset) }
        nextByteOffset = offset + size
        return T(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// Reads an LEB128 varint written by `RecordWriter.writeVarUInt`.
    ///
    /// - Throws: `SluiceError.data` when the bytes end inside the varint or it does not fit 64 bits.
    @inlinable
    public mutating func readVarUInt() throws(SluiceError) -> UInt64 {
        let start = byteOffset
        guard start < bytes.count else { throw Self.truncated(at: start) }
        let first = bytes[start]
        if first < 0x80 {
            nextByteOffset = start + 1
            return UInt64(first)
        }
        return try readLongVarUInt()
    }

    @usableFromInline
    mutating func readLongVarUInt() throws(SluiceError) -> UInt64 {
        let start = byteOffset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var index = start
        while true {
            guard index < bytes.count else { throw Self.truncated(at: start) }
            let byte = bytes[index]
            index += 1
            // The tenth byte holds bit 63 only; anything more does not fit 64 bits.
            if shift == 63 && byte > 1 { throw Self.invalid("varint", at: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        nextByteOffset = index
        return result
    }

    /// Reads a varint length and checks that that many bytes follow.
    ///
    /// - Throws: `SluiceError.data` when fewer bytes are left than the length says.
    @inlinable
    public mutating func readByteCount() throws(SluiceError) -> Int {
        let length = try readVarUInt()
        guard length <= UInt64(remainingByteCount) else { throw Self.truncated(at: byteOffset) }
        return Int(length)
    }

    /// Reads a varint element count. Elements take at least a byte each in every built-in
    /// encoding, so a count beyond the bytes left is reported as truncation rather than trusted
    /// with an allocation.
    ///
    /// - Throws: `SluiceError.data` when the count exceeds the bytes left.
    @inlinable
    public mutating func readElementCount() throws(SluiceError) -> Int {
        let start = byteOffset
        let count = try readVarUInt()
        guard count <= UInt64(remainingByteCount) else { throw Self.truncated(at: start) }
        return Int(count)
    }

    /// Returns the next `count` bytes without copying and moves past them; valid as long as
    /// `bytes` is.
    ///
    /// - Throws: `SluiceError.data` when fewer than `count` bytes are left.
    @inlinable
    public mutating func readBytes(count: Int) throws(SluiceError) -> UnsafeRawBufferPointer {
        let offset = byteOffset
        guard count >= 0, bytes.count - offset >= count else { throw Self.truncated(at: offset) }
        nextByteOffset = offset + count
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    /// Reads one value written by `RecordWriter.write(_:)`.
    @inlinable
    public mutating func read<T: ShuffleCodable>(_ type: T.Type = T.self) throws(SluiceError) -> T {
        try T.decode(from: &self)
    }
}
