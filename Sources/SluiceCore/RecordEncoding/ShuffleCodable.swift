/// A value the shuffle can move between stages: it writes itself as compact binary bytes and reads
/// itself back.
///
/// The encoding is for records in flight between the tasks of one job (memory blocks, spill files,
/// HTTP fetches between a worker and a reducer), not for files kept across versions of Sluice:
/// fixed-width integers are little-endian, lengths and counts are LEB128 varints, and composite
/// values are their parts one after another. Every encoding is self-delimiting, so records can be
/// concatenated without separators.
///
/// Every value must encode to at least one byte: decoders bound element counts by the bytes left.
/// Conformances should be `@inlinable` so the engine's generic stages specialize them.
public protocol ShuffleCodable: SendableMetatype {
    /// Appends this value's bytes to `writer`.
    func encode(into writer: inout RecordWriter)

    /// Reads one value written by `encode(into:)` at the reader's position and moves past it.
    ///
    /// - Throws: `SluiceError.data` when the bytes end inside the value ("truncated record at byte
    ///   N") or are not a valid encoding.
    static func decode(from reader: inout RecordReader) throws(SluiceError) -> Self
}

extension ShuffleCodable {
    /// This value's encoding as a new byte array; convenient for tests and small keys, while the
    /// engine appends to one long-lived writer instead.
    @inlinable
    public func encodedBytes() -> [UInt8] {
        var writer = RecordWriter(capacityBytes: 32)
        encode(into: &writer)
        return writer.finish()
    }

    /// Decodes one value that must span `bytes` exactly.
    ///
    /// - Throws: `SluiceError.data` when the bytes are truncated, invalid, or longer than the value.
    @inlinable
    public static func decode(fromBytes bytes: [UInt8]) throws(SluiceError) -> Self {
        // Array.withUnsafeBytes does not pass typed errors through, so the result carries them.
        let result = bytes.withUnsafeBytes { raw -> Result<Self, SluiceError> in
            var reader = RecordReader(raw)
            do throws(SluiceError) {
                let value = try Self.decode(from: &reader)
                guard reader.isAtEnd else {
                    return .failure(.data("\(reader.remainingByteCount) bytes left after the record at byte \(reader.byteOffset)",
                                          at: SourceLocation(byteOffset: reader.byteOffset)))
                }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
