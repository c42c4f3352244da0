/// One bit per row, set when the row holds a value and clear when it is null (Arrow's layout:
/// bit `i` is bit `i % 64` of word `i / 64`).
public struct ValidityBitmap: Sendable, Equatable {
    public private(set) var words: [UInt64]
    public private(set) var count: Int

    /// A bitmap of `count` rows, all valid or all null.
    public init(count: Int, allValid: Bool) {
        let wordCount = (count + 63) >> 6
        self.words = [UInt64](repeating: allValid ? ~0 : 0, count: wordCount)
        self.count = count
        if allValid { clearTail() }
    }

    public init(_ validity: [Bool]) {
        self.init(count: validity.count, allValid: false)
        for (index, isValid) in validity.enumerated() where isValid {
            words[index >> 6] |= 1 << UInt64(index & 63)
        }
    }

    public init(words: [UInt64], count: Int) {
        precondition(words.count == (count + 63) >> 6, "bitmap words do not match the row count")
        self.words = words
        self.count = count
        clearTail()
    }

    @inlinable @inline(__always)
    public func isValid(_ index: Int) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    @inline(__always)
    public mutating func set(_ index: Int, valid: Bool) {
        if valid {
            words[index >> 6] |= 1 << UInt64(index & 63)
        } else {
            words[index >> 6] &= ~(1 << UInt64(index & 63))
        }
    }

    public mutating func append(_ valid: Bool) {
        if count & 63 == 0 { words.append(0) }
        if valid { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// The number of null rows.
    public var nullCount: Int {
        count - words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    private mutating func clearTail() {
        let used = count & 63
        if used != 0 { words[words.count - 1] &= (1 << UInt64(used)) - 1 }
    }
}
