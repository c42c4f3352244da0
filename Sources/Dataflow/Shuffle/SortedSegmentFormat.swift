/// The byte layout of one partition's sorted segment: what a map task writes per partition and
/// what a reducer fetches from every map task.
///
/// ```
/// header (20 bytes, little-endian):
///     recordCount       UInt64
///     payloadByteCount  UInt64
///     payloadChecksum   UInt32   CRC-32C of the payload bytes
/// payload (payloadByteCount bytes): recordCount records, each
///     varint key byte count | key bytes (the key's ShuffleCodable encoding) | value (ShuffleCodable)
/// ```
///
/// Records are sorted by their key bytes: `memcmp` over the shorter length, then the shorter key
/// first. That is not the keys' semantic order; it only groups equal keys (the encodings are
/// canonical) and is the same on every machine. Records with equal keys are kept in the order
/// they were inserted or merged.
///
/// An empty partition is still a full 20-byte header with zero counts (and the checksum of no
/// bytes, 0), so every segment a reducer fetches can be checked the same way.
///
/// A map output or spill file is its partitions' segments one after another, partition 0 first;
/// the byte range of each is kept by the writer (`SortedMapOutput.partitionByteRanges`), not in
/// the file.
public enum SortedSegmentFormat {
    /// The bytes before the payload.
    public static let headerByteCount = 20
}
