import SluiceCore

/// A (text, count) shuffle record whose text is a view of bytes held elsewhere: encoded exactly
/// like `KeyValue<String, Int>`, so reducers read it as that. A decoded record points into the
/// reader's bytes and is valid only while they are.
@usableFromInline
struct UTF8CountRecord: ShuffleCodable {
    @usableFromInline let text: UnsafeRawBufferPointer
    @usableFromInline let count: Int

    @inlinable
    init(text: UnsafeRawBufferPointer, count: Int) {
        self.text = text
        self.count = count
    }

    @inlinable
    func encode(into writer: inout RecordWriter) {
        writer.writeLengthPrefixedBytes(text)
        count.encode(into: &writer)
    }

    @inlinable
    static func decode(from reader: inout RecordReader) throws(SluiceError) -> UTF8CountRecord {
        let byteCount = try reader.readByteCount()
        let text = try reader.readBytes(count: byteCount)
        return UTF8CountRecord(text: text, count: try Int.decode(from: &reader))
    }
}
