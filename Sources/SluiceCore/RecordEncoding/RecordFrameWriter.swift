/// Writes many records of one type into a frame: the unit a shuffle keeps in memory, spills to
/// disk and sends to a reducer.
///
/// Frame layout (all integers little-endian `UInt32`):
/// ```
/// payloadByteCount | recordCount | CRC-32C of the payload | payload: the records' encodings
/// ```
/// Frames can be concatenated in a file; `RecordFrameReader.frameByteCount` steps to the next.
/// One task owns a writer; it is not shared between threads while writing.
public struct RecordFrameWriter: Sendable {
    /// The bytes before the payload.
    public static let headerByteCount = 12

    @usableFromInline var writer: RecordWriter
    @usableFromInline var appendedRecordCount: Int
    @usableFromInline let capacityBytes: Int

    /// Creates an empty frame.
    ///
    /// - Parameter capacityBytes: how many bytes fit before the first growth.
    public init(capacityBytes: Int = 64 * 1024) {
        self.capacityBytes = capacityBytes
        writer = RecordWriter(capacityBytes: capacityBytes)
        appendedRecordCount = 0
        writeEmptyHeader()
    }

    private mutating func writeEmptyHeader() {
        for _ in 0..<3 { writer.writeLittleEndian(UInt32(0)) }
    }

    /// How many records have been appended since the last `finish()`.
    @inlinable
    public var recordCount: Int { appendedRecordCount }

    /// The size the frame has so far, header included; a shuffle cuts a frame past its block size.
    @inlinable
    public var frameByteCount: Int { writer.byteCount }

    /// Appends one record.
    @inlinable
    public mutating func append<T: ShuffleCodable>(_ record: T) {
        record.encode(into: &writer)
        appendedRecordCount += 1
    }

    /// Appends every record of a sequence.
    @inlinable
    public mutating func append<S: Sequence>(contentsOf records: S) where S.Element: ShuffleCodable {
        for record in records { append(record) }
    }

    /// Fills in the header and returns the frame's bytes; the writer starts a new empty frame.
    ///
    /// - Precondition: the payload and the record count fit in `UInt32`.
    public mutating func finish() -> [UInt8] {
        let payloadByteCount = writer.byteCount - Self.headerByteCount
        precondition(payloadByteCount <= Int(UInt32.max) && appendedRecordCount <= Int(UInt32.max),
                     "a record frame holds at most 4 GiB and 2^32 - 1 records")
        let checksum = writer.withUnsafeBytes { bytes in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[Self.headerByteCount...]))
        }
        writer.overwriteLittleEndian(UInt32(payloadByteCount), atByteOffset: 0)
        writer.overwriteLittleEndian(UInt32(appendedRecordCount), atByteOffset: 4)
        writer.overwriteLittleEndian(checksum, atByteOffset: 8)
        let frame = writer.finish()
        writer = RecordWriter(capacityBytes: capacityBytes)
        appendedRecordCount = 0
        writeEmptyHeader()
        return frame
    }
}
