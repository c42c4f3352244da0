/// The integer types, with their shuffle encoding, sort key and partition hash derived from width
/// and signedness in one place.
///
/// - Encoding: fixed width, little-endian — a shuffle moves mostly keys and counters whose sizes
///   vary little, so decoding is one unaligned load instead of a varint loop.
/// - Sort key: big-endian with the sign bit flipped for signed types, which maps two's
///   complement onto unsigned byte order.
/// - Partition hash: the value widened to 64 bits (signed values sign-extended), so the same
///   number hashes alike whatever its width.
///
/// `Int` and `UInt` travel as 64 bits (`WireInteger`) so that 32-bit and 64-bit processes agree.
public protocol ShuffleInteger: FixedWidthInteger, ShuffleCodable, SortKeyEncodable, PartitionHashable {
    /// The type written on the wire: the integer itself, or its 64-bit form for `Int` and `UInt`.
    associatedtype WireInteger: FixedWidthInteger = Self
}

extension ShuffleInteger {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(WireInteger(truncatingIfNeeded: self))
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Self {
        Self(truncatingIfNeeded: try reader.readLittleEndian(WireInteger.self))
    }

    @inlinable
    public func encodeSortKey(into writer: inout RecordWriter) {
        let wire = WireInteger(truncatingIfNeeded: self)
        // `min` of a signed type is exactly its sign bit.
        writer.writeBigEndian(Self.isSigned ? wire ^ WireInteger.min : wire)
    }

    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(Self.isSigned ? UInt64(bitPattern: Int64(truncatingIfNeeded: self)) : UInt64(truncatingIfNeeded: self))
    }
}

extension Int: ShuffleInteger { public typealias WireInteger = Int64 }
extension Int64: ShuffleInteger {}
extension Int32: ShuffleInteger {}
extension Int16: ShuffleInteger {}
extension Int8: ShuffleInteger {}
extension UInt: ShuffleInteger { public typealias WireInteger = UInt64 }
extension UInt64: ShuffleInteger {}
extension UInt32: ShuffleInteger {}
extension UInt16: ShuffleInteger {}
extension UInt8: ShuffleInteger {}
