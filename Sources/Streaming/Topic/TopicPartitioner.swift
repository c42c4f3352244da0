/// Picks a record's partition from its key.
///
/// The hash is Kafka's murmur2 (seed `0x9747b28c`) of the key bytes; the partition is that
/// hash made positive (`& 0x7fffffff`) modulo the partition count. This matches Kafka's default
/// partitioner for keyed records, so a key lands on the same partition number here as in a
/// Kafka topic with the same partition count, and the mapping never changes between releases.
public enum TopicPartitioner {
    /// The partition in `0..<partitionCount` for `key`.
    @inlinable
    public static func partition(forKey key: [UInt8], partitionCount: Int) -> Int {
        precondition(partitionCount > 0, "partitionCount must be positive")
        return Int(UInt32(bitPattern: murmur2(key)) & 0x7fff_ffff) % partitionCount
    }

    /// Kafka's 32-bit murmur2 of `bytes`, as a signed value like Java's `int`.
    @inlinable
    public static func murmur2(_ bytes: [UInt8]) -> Int32 {
        let multiplier: UInt32 = 0x5bd1_e995
        let shift: UInt32 = 24
        let length = bytes.count
        var hash: UInt32 = 0x9747_b28c ^ UInt32(truncatingIfNeeded: length)
        let wholeWords = length / 4
        for word in 0..<wholeWords {
            let at = word * 4
            var k = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
            k = k &* multiplier
            k ^= k >> shift
            k = k &* multiplier
            hash = hash &* multiplier
            hash ^= k
        }
        let tail = wholeWords * 4
        switch length % 4 {
        case 3:
            hash ^= UInt32(bytes[tail + 2]) << 16
            hash ^= UInt32(bytes[tail + 1]) << 8
            hash ^= UInt32(bytes[tail])
            hash = hash &* multiplier
        case 2:
            hash ^= UInt32(bytes[tail + 1]) << 8
            hash ^= UInt32(bytes[tail])
            hash = hash &* multiplier
        case 1:
            hash ^= UInt32(bytes[tail])
            hash = hash &* multiplier
        default:
            break
        }
        hash ^= hash >> 13
        hash = hash &* multiplier
        hash ^= hash >> 15
        return Int32(bitPattern: hash)
    }
}
