/// A varint byte count, then the UTF-8 bytes.
extension String: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        var text = self
        text.withUTF8 { utf8 in
            writer.writeVarUInt(UInt64(utf8.count))
            writer.writeBytes(UnsafeRawBufferPointer(utf8))
        }
    }

    /// Bytes that are not valid UTF-8 are repaired with U+FFFD rather than rejected: the encoder
    /// only writes valid UTF-8, and the frame checksum catches corruption before decoding.
    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> String {
        let byteCount = try reader.readByteCount()
        let utf8 = try reader.readBytes(count: byteCount)
        return String(decoding: utf8.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
    }
}

/// Encoded exactly like `String`, so a record written from a slice decodes as either.
extension Substring: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        var text = self
        text.withUTF8 { utf8 in
            writer.writeVarUInt(UInt64(utf8.count))
            writer.writeBytes(UnsafeRawBufferPointer(utf8))
        }
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Substring {
        Substring(try String.decode(from: &reader))
    }
}
