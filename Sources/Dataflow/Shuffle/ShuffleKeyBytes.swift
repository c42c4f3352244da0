#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The order of encoded keys throughout the sorted shuffle: `memcmp` over the shorter length,
/// then the shorter key first.
@usableFromInline
enum ShuffleKeyBytes {
    /// Compares two encoded keys: negative, zero or positive as `left` sorts before, with, or
    /// after `right`.
    @inlinable
    static func compare(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let sharedByteCount = Swift.min(left.count, right.count)
        if sharedByteCount > 0 {
            let order = memcmp(left.baseAddress!, right.baseAddress!, sharedByteCount)
            if order != 0 { return Int(order) }
        }
        return left.count - right.count
    }

    /// The first eight bytes of an encoded key as a big-endian number, zero-padded, so that
    /// comparing prefixes agrees with `compare` whenever the prefixes differ.
    @inlinable
    static func prefix(_ key: UnsafeRawBufferPointer) -> UInt64 {
        if key.count >= 8 {
            return UInt64(bigEndian: key.loadUnaligned(as: UInt64.self))
        }
        var prefix: UInt64 = 0
        for index in 0..<key.count { prefix |= UInt64(key[index]) << (56 - 8 * UInt64(index)) }
        return prefix
    }
}
