import SluiceCore

/// Reads one sorted segment (see `SortedSegmentFormat`) record by record, in order, through a
/// buffer: from bytes in memory or from a byte range of a file.
///
/// A file segment is read in chunks of about `chunkByteCount` bytes (more only while one record is
/// larger than that), never whole. Its payload checksum is computed as chunks arrive and checked
/// when the last record has been read; a segment whose records fail to decode is read to its end
/// first, so corruption is reported as a checksum mismatch rather than as a confusing record error.
/// Bytes in memory are checked when the source is created.
///
/// Owned by one task; not `Sendable`. A source handed to a `SortedSegmentMerger` is read by the
/// merger and must not be read from directly afterwards. A file source keeps its descriptor open
/// until its last record has been read or it is released.
public final class SortedSegmentSource {
    @usableFromInline var cursor: SortedSegmentCursor

    /// How many records the segment holds.
    public var recordCount: Int { cursor.recordCount }

    /// A segment held in memory (for example fetched whole by a reducer); its checksum is checked
    /// here.
    ///
    /// - Parameters:
    ///   - bytes: exactly one segment, header included.
    ///   - name: what errors call these bytes (for example the map task they came from).
    /// - Throws: `SluiceError.data` when the header is invalid, the bytes are shorter or longer
    ///   than the header says, or the checksum differs.
    public init(bytes: [UInt8], name: String = "in-memory segment") throws(SluiceError) {
        cursor = try SortedSegmentCursor(bytes: bytes, name: name)
    }

    /// A segment stored at `byteRange` of the file at `path`.
    ///
    /// - Parameters:
    ///   - path: a map output or spill file.
    ///   - byteRange: the segment's bytes, header included (`SortedMapOutput.partitionByteRanges`).
    ///   - chunkByteCount: how much is read at a time.
    /// - Throws: `SluiceError.io` when the file cannot be opened or read; `SluiceError.data` naming
    ///   the file and byte offset when the header is invalid, disagrees with `byteRange`, or the
    ///   file ends early.
    public init(path: String, byteRange: Range<Int>, chunkByteCount: Int = 1 << 20) throws(SluiceError) {
        cursor = try SortedSegmentCursor(path: path, byteRange: byteRange, chunkByteCount: chunkByteCount)
    }

    /// Decodes the next record, or returns nil after the last one (having checked the checksum).
    ///
    /// - Throws: `SluiceError.data` naming the file (or name) and byte offset when the segment is
    ///   corrupt or truncated; `SluiceError.io` when the file cannot be read.
    @inlinable
    public func nextRecord<Key: ShuffleCodable, Value: ShuffleCodable>(_ keyType: Key.Type, _ valueType: Value.Type)
        throws(SluiceError) -> (key: Key, value: Value)?
    {
        guard try cursor.advance() else { return nil }
        let key = try cursor.decodeKey(Key.self)
        return (key, try cursor.consumeValue(Value.self))
    }
}
