import SluiceCore

/// The fixed header in front of a sorted segment's payload (see `SortedSegmentFormat`).
@usableFromInline
struct SortedSegmentHeader: Equatable {
    @usableFromInline var recordCount: Int
    @usableFromInline var payloadByteCount: Int
    @usableFromInline var payloadChecksum: UInt32

    @inlinable
    init(recordCount: Int, payloadByteCount: Int, payloadChecksum: UInt32) {
        self.recordCount = recordCount
        self.payloadByteCount = payloadByteCount
        self.payloadChecksum = payloadChecksum
    }

    /// Stores the header's 20 bytes at `destination`.
    @inlinable
    func store(to destination: UnsafeMutableRawPointer) {
        destination.storeBytes(of: UInt64(recordCount).littleEndian, as: UInt64.self)
        (destination + 8).storeBytes(of: UInt64(payloadByteCount).littleEndian, as: UInt64.self)
        (destination + 16).storeBytes(of: payloadChecksum.littleEndian, as: UInt32.self)
    }

    /// Reads a header from the first 20 bytes of `bytes`.
    ///
    /// - Parameter location: where `bytes` starts, for errors.
    /// - Throws: `SluiceError.data` when fewer than 20 bytes are given or a count is impossible
    ///   (records need at least three bytes each).
    static func parse(_ bytes: UnsafeRawBufferPointer, at location: SourceLocation) throws(SluiceError) -> SortedSegmentHeader {
        guard bytes.count >= SortedSegmentFormat.headerByteCount else {
            throw SluiceError.data("truncated sorted segment header: \(bytes.count) of \(SortedSegmentFormat.headerByteCount) bytes",
                                   at: location)
        }
        let recordCount = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let payloadByteCount = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let checksum = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        // A record is at least a key length byte, one key byte and one value byte.
        guard payloadByteCount <= UInt64(Int.max / 2), recordCount <= payloadByteCount / 3 else {
            throw SluiceError.data("invalid sorted segment header: \(recordCount) records in \(payloadByteCount) bytes",
                                   at: location)
        }
        return SortedSegmentHeader(recordCount: Int(recordCount), payloadByteCount: Int(payloadByteCount),
                                   payloadChecksum: checksum)
    }
}
