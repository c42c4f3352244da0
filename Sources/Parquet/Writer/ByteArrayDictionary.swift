import SluiceCore

/// The dictionary of a BYTE_ARRAY column chunk: distinct byte strings in first-seen order,
/// stored back to back in one buffer and found through an open-addressing table of indices.
struct ByteArrayDictionary {
    private(set) var entries = BinaryBuffer()
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { hashes.count }

    /// Bytes of the PLAIN-encoded dictionary page: each entry plus its 4-byte length.
    var plainSizeBytes: Int { entries.bytes.count + 4 * count }

    /// The index of the bytes at `value`, inserting them when new.
    @inline(__always)
    mutating func index(of value: UnsafeRawBufferPointer) -> UInt32 {
        let hash = ByteArrayDictionary.hash(value)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots.withUnsafeBufferPointer { $0[slot] }
            if entry < 0 { break }
            if hashes.withUnsafeBufferPointer({ $0[Int(entry)] }) == hash, matches(Int(entry), value) {
                return UInt32(entry)
            }
            slot = (slot + 1) & mask
        }
        let index = Int32(hashes.count)
        slots.withUnsafeMutableBufferPointer { $0[slot] = index }
        hashes.append(hash)
        entries.append(bytes: value)
        if hashes.count * 2 > slots.count { grow() }
        return UInt32(index)
    }

    @inline(__always)
    private func matches(_ entry: Int, _ value: UnsafeRawBufferPointer) -> Bool {
        let range = entries.byteRange(entry)
        guard range.count == value.count else { return false }
        if value.isEmpty { return true }
        return entries.bytes.withUnsafeBytes { stored in
            memoryEquals(stored.baseAddress! + range.lowerBound, value.baseAddress!, value.count)
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        slots.withUnsafeMutableBufferPointer { table in
            for (index, hash) in hashes.enumerated() {
                var slot = Int(truncatingIfNeeded: hash) & mask
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(index)
            }
        }
    }

    /// A fast non-cryptographic hash: 8 bytes at a time, multiply and fold.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        hash ^= hash >> 32
        hash = hash &* 0xD6E8_FEB8_6659_FD93
        return hash ^ (hash >> 32)
    }
}

/// Byte-wise equality of two memory ranges of the same length.
@inline(__always)
func memoryEquals(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, _ count: Int) -> Bool {
    var index = 0
    while index + 8 <= count {
        if left.loadUnaligned(fromByteOffset: index, as: UInt64.self) != right.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
            return false
        }
        index += 8
    }
    while index < count {
        if left.load(fromByteOffset: index, as: UInt8.self) != right.load(fromByteOffset: index, as: UInt8.self) { return false }
        index += 1
    }
    return true
}
