import SluiceCore

/// Reads the records of a dataflow-mode segment: record frames one after another.
public enum ShuffleSegmentDecoding {
    /// Calls `body` with every record of every frame in `bytes`, checking each frame's checksum.
    ///
    /// - Throws: `SluiceError.data` for a damaged frame, or what `body` throws.
    @inlinable
    public static func forEachRecord<Record: ShuffleCodable>(in bytes: [UInt8], as type: Record.Type,
                                                             _ body: (Record) throws -> Void) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                var frame = try RecordFrameReader(UnsafeRawBufferPointer(rebasing: raw[offset...]))
                while let record = try frame.next(Record.self) { try body(record) }
                offset += frame.frameByteCount
            }
        }
    }
}
