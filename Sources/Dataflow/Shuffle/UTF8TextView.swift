import SluiceCore

/// Text as a view of UTF-8 bytes held elsewhere, encoded exactly like `String` so that a shuffle
/// written from views is read back as strings. A decoded view points into the reader's bytes
/// and is valid only while they are; a sort buffer copies it when it is inserted.
@usableFromInline
struct UTF8TextView: ShuffleCodable {
    @usableFromInline let bytes: UnsafeRawBufferPointer

    @inlinable
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    @inlinable
    func encode(into writer: inout RecordWriter) {
        writer.writeLengthPrefixedBytes(bytes)
    }

    @inlinable
    static func decode(from reader: inout RecordReader) throws(SluiceError) -> UTF8TextView {
        UTF8TextView(try reader.readBytes(count: try reader.readByteCount()))
    }
}
