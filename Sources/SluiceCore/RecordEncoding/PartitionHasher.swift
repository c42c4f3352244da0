/// A 64-bit hash with a fixed seed, so every process of a job — coordinator and workers, in any
/// run — sends a key to the same partition. Swift's `Hasher` is seeded randomly per process and
/// cannot be used for that.
///
/// The algorithm is part of the wire contract and must not change between processes of one job:
/// - the state starts at `seed`;
/// - each 64-bit word is mixed in as `state = (state ^ word) &* 0x9E3779B97F4A7C15`, then
///   `state ^= state >> 29` (multiply, then xor-shift the high bits down);
/// - bytes are taken as little-endian 8-byte words, the last partial word zero-padded, followed by
///   a word holding the byte count (so "ab" + "c" and "a" + "bc" differ);
/// - `finalize()` applies the SplitMix64 finalizer to the state, which spreads every input bit
///   over the whole result.
///
/// Not a cryptographic hash: adversarial keys can collide.
public struct PartitionHasher: Sendable {
    /// The starting state: the first 64 bits of the fractional part of pi.
    public static let seed: UInt64 = 0x243F_6A88_85A3_08D3

    @usableFromInline var state: UInt64

    @inlinable
    public init() {
        state = Self.seed
    }

    /// Mixes in one 64-bit word.
    @inlinable
    public mutating func combine(_ word: UInt64) {
        state = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 29
    }

    /// Mixes in bytes as little-endian words, then their count.
    @inlinable
    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        var offset = 0
        while count - offset >= 8 {
            combine(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            combine(tail)
        }
        combine(UInt64(count))
    }

    /// The hash of everything combined so far.
    @inlinable
    public func finalize() -> UInt64 {
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// The hash of `bytes` alone, e.g. an encoded sort key.
    @inlinable
    public static func hash(bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = PartitionHasher()
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }

    /// The partition in `0..<partitionCount` for a hash: the high half of `hash * partitionCount`,
    /// which uses every bit of the hash and needs no division.
    ///
    /// - Precondition: `partitionCount > 0`.
    @inlinable
    public static func partitionIndex(hash: UInt64, partitionCount: Int) -> Int {
        precondition(partitionCount > 0, "partitionCount must be positive")
        return Int(hash.multipliedFullWidth(by: UInt64(partitionCount)).high)
    }
}
