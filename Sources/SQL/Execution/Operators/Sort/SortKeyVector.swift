import SluiceCore

/// One sort key's values in a form that compares fast: every fixed-width type becomes unsigned
/// 64-bit words whose unsigned order is the SQL order with the key's direction folded in, NULL
/// placement is a small rank, and strings keep an 8-byte big-endian prefix word plus their bytes
/// for ties.
///
/// SQL order per type (DuckDB's): booleans false < true; integers, dates, timestamps and decimals
/// (one scale per column) by value; doubles by value with -0 equal to 0 and NaN greater than
/// everything; strings and binary by unsigned bytes (the binary collation).
///
/// Threading: a value type, read-only after construction.
struct SortKeyVector: Sendable {
    enum Layout: Sendable {
        /// One word per row.
        case word
        /// Two words per row (`words` high, `lowWords` low): 128-bit decimals.
        case wideWord
        /// A prefix word per row, then the full bytes.
        case bytes
    }

    let layout: Layout
    let isAscending: Bool
    /// Order-preserving words, inverted for descending keys; zero for NULL rows.
    let words: [UInt64]
    let lowWords: [UInt64]
    let buffer: BinaryBuffer
    /// Per row 0 (NULL placed first), 1 (a value) or 2 (NULL placed last); empty when no row
    /// is NULL.
    let nullRanks: [UInt8]

    var count: Int { words.count }

    /// - Precondition: `column` is the evaluated key expression.
    init(column: Column, isAscending: Bool, nullsFirst: Bool) {
        self.isAscending = isAscending
        let flip: UInt64 = isAscending ? 0 : ~0
        let signBit: UInt64 = 1 << 63
        var lowWords: [UInt64] = []
        var buffer = BinaryBuffer()
        var words: [UInt64]
        switch column.values {
        case .boolean(let values):
            layout = .word
            words = values.map { ($0 ? 1 : 0) ^ flip }
        case .int32(let values):
            layout = .word
            words = values.map { (UInt64(UInt32(bitPattern: $0) ^ 0x8000_0000)) ^ flip }
        case .int64(let values):
            layout = .word
            words = values.map { (UInt64(bitPattern: $0) ^ signBit) ^ flip }
        case .int128(let values):
            layout = .wideWord
            words = values.map { (UInt64(bitPattern: Int64(truncatingIfNeeded: $0 >> 64)) ^ signBit) ^ flip }
            lowWords = values.map { UInt64(truncatingIfNeeded: $0) ^ flip }
        case .float64(let values):
            layout = .word
            words = values.map { SortKeyVector.orderedBits($0) ^ flip }
        case .bytes(let values):
            layout = .bytes
            buffer = values
            words = SortKeyVector.prefixWords(values, flip: flip)
        }
        var nullRanks: [UInt8] = []
        if let validity = column.validity {
            let nullRank: UInt8 = nullsFirst ? 0 : 2
            let zero: UInt64 = 0 ^ flip
            nullRanks = [UInt8](repeating: 1, count: column.count)
            for row in 0..<column.count where !validity.isValid(row) {
                nullRanks[row] = nullRank
                // Equal NULLs must compare equal on every later step too.
                words[row] = zero
                if layout == .wideWord { lowWords[row] = zero }
            }
        }
        self.words = words
        self.lowWords = lowWords
        self.buffer = buffer
        self.nullRanks = nullRanks
    }

    /// Doubles as words whose unsigned order is numeric order, -0 as 0 and every NaN as one
    /// value above infinity.
    @inline(__always)
    static func orderedBits(_ value: Double) -> UInt64 {
        if value.isNaN { return UInt64.max }
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The first eight bytes of each value, big-endian, zero-padded.
    private static func prefixWords(_ buffer: BinaryBuffer, flip: UInt64) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: buffer.count)
        buffer.bytes.withUnsafeBufferPointer { bytes in
            buffer.offsets.withUnsafeBufferPointer { offsets in
                for row in 0..<buffer.count {
                    let start = Int(offsets[row])
                    let end = min(Int(offsets[row + 1]), start + 8)
                    var word: UInt64 = 0
                    var shift: UInt64 = 56
                    for index in start..<end {
                        word |= UInt64(bytes[index]) << shift
                        shift &-= 8
                    }
                    words[row] = word ^ flip
                }
            }
        }
        return words
    }

    /// Orders row `left` of `self` against row `right` of `other` (a vector of the same key):
    /// negative, zero or positive in the key's direction.
    @inline(__always)
    func compare(_ left: Int, _ other: SortKeyVector, _ right: Int) -> Int {
        if !nullRanks.isEmpty || !other.nullRanks.isEmpty {
            let leftRank = nullRanks.isEmpty ? 1 : nullRanks[left]
            let rightRank = other.nullRanks.isEmpty ? 1 : other.nullRanks[right]
            if leftRank != rightRank { return leftRank < rightRank ? -1 : 1 }
        }
        let leftWord = words[left]
        let rightWord = other.words[right]
        if leftWord != rightWord { return leftWord < rightWord ? -1 : 1 }
        switch layout {
        case .word:
            return 0
        case .wideWord:
            let leftLow = lowWords[left]
            let rightLow = other.lowWords[right]
            return leftLow == rightLow ? 0 : (leftLow < rightLow ? -1 : 1)
        case .bytes:
            // Equal prefix words mean the first eight bytes (or all of a shorter value) agree.
            let order = SortKeyVector.compareBytes(buffer, left, other.buffer, right, knownEqualCount: 8)
            return isAscending ? order : -order
        }
    }

    /// Unsigned byte order of two values, the shorter first when one is a prefix of the other.
    /// - Parameters:
    ///   - knownEqualCount: leading bytes the caller already knows to be equal.
    static func compareBytes(_ left: BinaryBuffer, _ leftRow: Int, _ right: BinaryBuffer, _ rightRow: Int, knownEqualCount: Int = 0) -> Int {
        let leftRange = left.byteRange(leftRow)
        let rightRange = right.byteRange(rightRow)
        let common = min(leftRange.count, rightRange.count)
        let skipped = min(knownEqualCount, common)
        let order = common == skipped ? 0 : left.bytes.withUnsafeBytes { leftBytes in
            right.bytes.withUnsafeBytes { rightBytes in
                memcmpBytes(leftBytes.baseAddress! + leftRange.lowerBound + skipped,
                            rightBytes.baseAddress! + rightRange.lowerBound + skipped, common - skipped)
            }
        }
        if order != 0 { return order }
        return leftRange.count == rightRange.count ? 0 : (leftRange.count < rightRange.count ? -1 : 1)
    }

    @inline(__always)
    private static func memcmpBytes(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, _ count: Int) -> Int {
        var index = 0
        while index < count {
            let a = left.load(fromByteOffset: index, as: UInt8.self)
            let b = right.load(fromByteOffset: index, as: UInt8.self)
            if a != b { return a < b ? -1 : 1 }
            index += 1
        }
        return 0
    }
}
