/// Reads the records of one frame written by `RecordFrameWriter`, one at a time, without copying
/// the frame.
///
/// The reader does not own its bytes: the memory must outlive it. Not `Sendable` for that reason.
public struct RecordFrameReader {
    /// How many records the frame holds.
    public let recordCount: Int

    /// The frame's size, header included: where the next frame starts when frames are concatenated.
    public let frameByteCount: Int

    /// Reads the whole frame, so that error offsets count from the frame's first byte.
    @usableFromInline var reader: RecordReader
    @usableFromInline var readRecordCount: Int

    /// Checks the header (and the checksum) of the frame at the start of `bytes`; bytes after the
    /// frame are ignored.
    ///
    /// - Parameters:
    ///   - bytes: a frame, possibly followed by more bytes.
    ///   - verifiesChecksum: whether to check the payload's CRC-32C; turn off only for bytes
    ///     already checked (e.g. just written by this process).
    /// - Throws: `SluiceError.data` when the header or payload is truncated or the checksum differs.
    public init(_ bytes: UnsafeRawBufferPointer, verifiesChecksum: Bool = true) throws(SluiceError) {
        var header = RecordReader(bytes)
        let payloadByteCount = Int(try header.readLittleEndian(UInt32.self))
        recordCount = Int(try header.readLittleEndian(UInt32.self))
        let expectedChecksum = try header.readLittleEndian(UInt32.self)
        let payload = try header.readBytes(count: payloadByteCount)
        if verifiesChecksum {
            let actualChecksum = CRC32C.checksum(payload)
            guard actualChecksum == expectedChecksum else {
                throw SluiceError.data("record frame checksum mismatch (stored \(expectedChecksum), computed \(actualChecksum))",
                                       at: SourceLocation(byteOffset: 8))
            }
        }
        frameByteCount = RecordFrameWriter.headerByteCount + payloadByteCount
        reader = RecordReader(UnsafeRawBufferPointer(rebasing: bytes[0..<frameByteCount]))
        _ = try reader.readBytes(count: RecordFrameWriter.headerByteCount)
        readRecordCount = 0
    }

    /// Decodes the next record, or returns nil after the last one.
    ///
    /// - Throws: `SluiceError.data` when a record is truncated or invalid, or when bytes are left
    ///   after the last record (the frame was written with another record type).
    @inlinable
    public mutating func next<T: ShuffleCodable>(_ type: T.Type = T.self) throws(SluiceError) -> T? {
        guard readRecordCount < recordCount else {
            guard reader.isAtEnd else {
                throw SluiceError.data("\(reader.remainingByteCount) bytes left after the last record of the frame",
                                       at: SourceLocation(byteOffset: reader.byteOffset))
            }
            return nil
        }
        readRecordCount += 1
        return try T.decode(from: &reader)
    }

    /// Decodes every record of the frame at the start of `bytes`.
    ///
    /// - Throws: `SluiceError.data` as `init` and `next` do.
    public static func decodeAll<T: ShuffleCodable>(_ bytes: [UInt8], as type: T.Type = T.self) throws(SluiceError) -> [T] {
        let result = bytes.withUnsafeBytes { raw -> Result<[T], SluiceError> in
            do throws(SluiceError) {
                var frame = try RecordFrameReader(raw)
                var records: [T] = []
                records.reserveCapacity(frame.recordCount)
                while let record = try frame.next(T.self) { records.append(record) }
                return .success(records)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
