/// The dictionary of a fixed-width column chunk: distinct 4- or 8-byte values in first-seen
/// order, found through an open-addressing table keyed by the value's bits. A dedicated table
/// because the general `Dictionary` hashes with SipHash, several times slower on this path.
struct FixedWidthDictionary {
    private(set) var values: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    private var shift: UInt64

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    var count: Int { values.count }

    /// The index of `key`, inserting it when new.
    @inline(__always)
    mutating func index(of key: UInt64) -> UInt32 {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let entry = slots.withUnsafeBufferPointer { $0[slot] }
            if entry < 0 { break }
            if values.withUnsafeBufferPointer({ $0[Int(entry)] }) == key { return UInt32(entry) }
            slot = (slot + 1) & mask
        }
        let index = Int32(values.count)
        slots.withUnsafeMutableBufferPointer { $0[slot] = index }
        values.append(key)
        if values.count * 2 > slots.count { grow() }
        return UInt32(index)
    }

    /// Appends the index of every key to `output`, inserting new keys; the bulk form of
    /// `index(of:)`, with the table grown once up front so the loop runs on raw buffers.
    mutating func appendIndices(of keys: UnsafeBufferPointer<UInt64>, to output: inout [UInt32]) {
        while (values.count + keys.count) * 2 > slots.count { grow() }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: keys.count))
        output.withUnsafeMutableBufferPointer { indices in
            slots.withUnsafeMutableBufferPointer { table in
                for position in 0..<keys.count {
                    let key = keys[position]
                    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                    while true {
                        let entry = table[slot]
                        if entry < 0 {
                            table[slot] = Int32(values.count)
                            indices[start + position] = UInt32(values.count)
                            values.append(key)
                            break
                        }
                        if values[Int(entry)] == key {
                            indices[start + position] = UInt32(entry)
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        slots.withUnsafeMutableBufferPointer { table in
            for (index, key) in values.enumerated() {
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(index)
            }
        }
    }
}
