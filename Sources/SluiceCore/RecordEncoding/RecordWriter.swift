/// A growable byte buffer that shuffle records are encoded into.
///
/// A value type with copy-on-write storage; one task owns one writer. The storage is kept longer
/// than the bytes written (`byteCount`) so that appends store into memory already there instead
/// of growing an array one element at a time.
public struct RecordWriter: Sendable {
    /// Zero-filled beyond `byteCount`; only `storage[0..<byteCount]` is meaningful.
    @usableFromInline var storage: [UInt8]

    @usableFromInline var writtenByteCount: Int

    /// How many bytes have been written.
    @inlinable
    public var byteCount: Int { writtenByteCount }

    /// Creates an empty writer.
    ///
    /// - Parameter capacityBytes: how many bytes fit before the first growth.
    public init(capacityBytes: Int = 4096) {
        storage = [UInt8](repeating: 0, count: Swift.max(capacityBytes, 16))
        writtenByteCount = 0
    }

    /// Makes room for `extraByteCount` more bytes.
    @inlinable
    public mutating func reserve(extraByteCount: Int) {
        if byteCount &+ extraByteCount > storage.count { grow(toHold: byteCount + extraByteCount) }
    }

    @usableFromInline
    mutating func grow(toHold neededByteCount: Int) {
        var newCount = Swift.max(storage.count, 16)
        while newCount < neededByteCount { newCount *= 2 }
        storage.append(contentsOf: repeatElement(0, count: newCount - storage.count))
    }

    /// Appends one byte.
    @inlinable
    public mutating func writeByte(_ byte: UInt8) {
        reserve(extraByteCount: 1)
        let offset = byteCount
        storage.withUnsafeMutableBufferPointer { $0[offset] = byte }
        writtenByteCount = offset + 1
    }

    /// Appends an integer as its `MemoryLayout<T>.size` bytes, little-endian.
    @inlinable
    public mutating func writeLittleEndian<T: FixedWidthInteger>(_ value: T) {
        let size = MemoryLayout<T>.size
        reserve(extraByteCount: size)
        let offset = byteCount
        storage.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self) }
        writtenByteCount = offset + size
    }

    /// Appends an integer as its `MemoryLayout<T>.size` bytes, big-endian, so that for unsigned
    /// values `memcmp` order is numeric order (sort keys).
    @inlinable
    public mutating func writeBigEndian<T: FixedWidthInteger>(_ value: T) {
        let size = MemoryLayout<T>.size
        reserve(extraByteCount: size)
        let offset = byteCount
        storage.withUnsafeMutableBytes { $0.storeBytes(of: value.bigEndian, toByteOffset: offset, as: T.self) }
        writtenByteCount = offset + size
    }

    /// Appends an unsigned integer as an LEB128 varint: 7 bits per byte, low bits first, the high
    /// bit set on every byte but the last (1 byte below 128, at most 10 bytes).
    @inlinable
    public mutating func writeVarUInt(_ value: UInt64) {
        if value < 0x80 {
            writeByte(UInt8(truncatingIfNeeded: value))
            return
        }
        reserve(extraByteCount: 10)
        let start = byteCount
        let end = storage.withUnsafeMutableBufferPointer { buffer -> Int in
            var remaining = value
            var index = start
            while remaining >= 0x80 {
                buffer[index] = UInt8(truncatingIfNeeded: remaining) | 0x80
                remaining >>= 7
                index += 1
            }
            buffer[index] = UInt8(truncatingIfNeeded: remaining)
            return index + 1
        }
        writtenByteCount = end
    }

    /// Appends raw bytes as they are (no length).
    @inlinable
    public mutating func writeBytes(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        guard count > 0 else { return }
        reserve(extraByteCount: count)
        let offset = byteCount
        storage.withUnsafeMutableBytes { destination in
            (destination.baseAddress! + offset).copyMemory(from: bytes.baseAddress!, byteCount: count)
        }
        writtenByteCount = offset + count
    }

    /// Appends a varint byte count, then the bytes: the encoding of strings and byte arrays.
    @inlinable
    public mutating func writeLengthPrefixedBytes(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        guard count < 0x80 else {
            writeVarUInt(UInt64(count))
            writeBytes(bytes)
            return
        }
        // Short values (most keys) take one reservation and a byte loop instead of a memcpy call.
        reserve(extraByteCount: count + 1)
        let offset = writtenByteCount
        storage.withUnsafeMutableBufferPointer { destination in
            destination[offset] = UInt8(truncatingIfNeeded: count)
            for index in 0..<count { destination[offset + 1 + index] = bytes[index] }
        }
        writtenByteCount = offset + 1 + count
    }

    /// Appends a value's shuffle encoding.
    @inlinable
    public mutating func write<T: ShuffleCodable>(_ value: T) {
        value.encode(into: &self)
    }

    /// Overwrites bytes already written, e.g. a count or length header reserved up front.
    ///
    /// - Precondition: the overwritten range lies within the bytes written.
    @inlinable
    public mutating func overwriteLittleEndian<T: FixedWidthInteger>(_ value: T, atByteOffset offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= byteCount, "overwrite outside the written bytes")
        storage.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self) }
    }

    /// Calls `body` with the bytes written so far; the pointer is valid only inside `body`.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        // A typed-throws closure cannot pass through Array.withUnsafeBytes, so the result or the
        // error is carried out of the untyped call.
        var result: Result<R, E>?
        storage.withUnsafeBytes { raw in
            let written = UnsafeRawBufferPointer(rebasing: raw[0..<byteCount])
            do throws(E) { result = .success(try body(written)) } catch { result = .failure(error) }
        }
        return try result!.get()
    }

    /// Forgets the bytes written; the storage is kept for reuse.
    @inlinable
    public mutating func removeAll() {
        writtenByteCount = 0
    }

    /// The bytes written, as an array of exactly `byteCount` bytes. Ends the writer.
    @inlinable
    public consuming func finish() -> [UInt8] {
        storage.removeLast(storage.count - byteCount)
        return storage
    }
}
