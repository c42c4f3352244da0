/// Fixed-width little-endian integers in byte arrays: the on-disk form of log batches and indexes.
enum LittleEndianBytes {
    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        var littleEndian = value.littleEndian
        withUnsafeBytes(of: &littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Reads a `T` at `offset`; the caller has checked that `offset + size` is in bounds.
    static func read<T: FixedWidthInteger>(_ type: T.Type, from bytes: UnsafeRawBufferPointer, at offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    static func read<T: FixedWidthInteger>(_ type: T.Type, from bytes: [UInt8], at offset: Int) -> T {
        bytes.withUnsafeBytes { read(type, from: $0, at: offset) }
    }
}
