/// Bulk edits of a validity bitmap, a word at a time, for decoders that produce validity for
/// many rows at once (Parquet definition levels).
extension ValidityBitmap {
    /// Grows the bitmap to `newCount` rows; the added rows are null.
    public mutating func extend(toCount newCount: Int) {
        precondition(newCount >= count, "a bitmap of \(count) rows cannot shrink to \(newCount)")
        let wordCountNeeded = (newCount + 63) >> 6
        // Moving the words out first keeps them uniquely referenced, so appending does not copy.
        var movedWords = words
        self = ValidityBitmap(count: 0, allValid: false)
        if movedWords.count < wordCountNeeded {
            movedWords.append(contentsOf: repeatElement(0, count: wordCountNeeded - movedWords.count))
        }
        // Bits past the old count are already clear, so the added rows start null.
        self = ValidityBitmap(words: movedWords, count: newCount)
    }

    /// Marks the rows in `rows` valid or null.
    public mutating func setRange(_ rows: Range<Int>, valid: Bool) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= count, "rows \(rows) outside a bitmap of \(count) rows")
        withUnsafeMutableWords { ValidityBitmap.setRange(rows, valid: valid, in: $0) }
    }

    /// Copies `bitCount` bits, least significant bit of each byte first, from `source` starting at
    /// bit `sourceBitOffset` into rows `row ..< row + bitCount` (a set bit means valid).
    ///
    /// - Returns: how many of the copied bits are set.
    @discardableResult
    public mutating func copyBits(
        from source: UnsafeRawBufferPointer, bitOffset sourceBitOffset: Int, count bitCount: Int, toRow row: Int
    ) -> Int {
        precondition(row >= 0 && row + bitCount <= count, "rows outside a bitmap of \(count) rows")
        return withUnsafeMutableWords {
            ValidityBitmap.copyBits(from: source, bitOffset: sourceBitOffset, count: bitCount, toBit: row, in: $0)
        }
    }

    /// Runs `body` with the bitmap's words, for bulk edits. Bits past `count` that `body` sets are
    /// cleared afterwards.
    public mutating func withUnsafeMutableWords<Result>(
        _ body: (UnsafeMutableBufferPointer<UInt64>) throws -> Result
    ) rethrows -> Result {
        try withMovedWords { words in try words.withUnsafeMutableBufferPointer { try body($0) } }
    }

    /// Moves the word array out of `self` (so it is uniquely referenced and edits do not copy it),
    /// lets `body` edit it, and rebuilds the bitmap around it, which clears the bits past `count`.
    private mutating func withMovedWords<Result>(
        _ body: (inout [UInt64]) throws -> Result
    ) rethrows -> Result {
        let rowCount = count
        var movedWords = words
        self = ValidityBitmap(count: 0, allValid: false)
        defer { self = ValidityBitmap(words: movedWords, count: rowCount) }
        return try body(&movedWords)
    }

    // MARK: - Word-level helpers

    /// Sets or clears bits `bits` of `words`.
    public static func setRange(_ bits: Range<Int>, valid: Bool, in words: UnsafeMutableBufferPointer<UInt64>) {
        guard !bits.isEmpty else { return }
        precondition(bits.lowerBound >= 0 && bits.upperBound <= words.count << 6, "bits \(bits) outside the words")
        let firstWord = bits.lowerBound >> 6
        let lastWord = (bits.upperBound - 1) >> 6
        for wordIndex in firstWord...lastWord {
            let low = wordIndex == firstWord ? bits.lowerBound & 63 : 0
            let high = wordIndex == lastWord ? ((bits.upperBound - 1) & 63) + 1 : 64
            let mask = (high == 64 ? UInt64.max : (1 << UInt64(high)) - 1) & ~((1 << UInt64(low)) - 1)
            if valid {
                words[wordIndex] |= mask
            } else {
                words[wordIndex] &= ~mask
            }
        }
    }

    /// Copies `bitCount` bits from `source` (starting at bit `sourceBitOffset`, LSB first) to
    /// bits starting at `destinationBit` of `words`, one destination word at a time.
    ///
    /// - Returns: how many of the copied bits are set.
    public static func copyBits(
        from source: UnsafeRawBufferPointer, bitOffset sourceBitOffset: Int, count bitCount: Int,
        toBit destinationBit: Int, in words: UnsafeMutableBufferPointer<UInt64>
    ) -> Int {
        precondition(sourceBitOffset >= 0 && bitCount >= 0 && sourceBitOffset + bitCount <= source.count * 8,
                     "bits past the end of the source")
        precondition(destinationBit >= 0 && destinationBit + bitCount <= words.count << 6, "bits outside the words")
        var setCount = 0
        var sourceBit = sourceBitOffset
        var targetBit = destinationBit
        var remaining = bitCount
        while remaining > 0 {
            let shift = targetBit & 63
            let takenCount = min(remaining, 64 - shift)
            let chunk = loadBits(source, bitOffset: sourceBit, count: takenCount)
            let mask = (takenCount == 64 ? UInt64.max : (1 << UInt64(takenCount)) - 1) << UInt64(shift)
            let wordIndex = targetBit >> 6
            words[wordIndex] = (words[wordIndex] & ~mask) | (chunk << UInt64(shift))
            setCount += chunk.nonzeroBitCount
            sourceBit += takenCount
            targetBit += takenCount
            remaining -= takenCount
        }
        return setCount
    }

    /// `count` (1...64) bits of `source` starting at `bitOffset`, touching no byte past the ones
    /// that hold them.
    private static func loadBits(_ source: UnsafeRawBufferPointer, bitOffset: Int, count: Int) -> UInt64 {
        let byteOffset = bitOffset >> 3
        let shift = bitOffset & 7
        var value: UInt64
        if byteOffset + 9 <= source.count {
            let base = source.baseAddress!
            value = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byteOffset, as: UInt64.self)) >> UInt64(shift)
            if shift > 0 {
                value |= UInt64(base.load(fromByteOffset: byteOffset + 8, as: UInt8.self)) << UInt64(64 - shift)
            }
        } else {
            value = 0
            let neededByteCount = (shift + count + 7) >> 3
            for index in 0..<neededByteCount {
                let byte = UInt64(source[byteOffset + index])
                value |= index == 0 ? byte >> UInt64(shift) : byte << UInt64(index * 8 - shift)
            }
        }
        return count == 64 ? value : value & ((1 << UInt64(count)) - 1)
    }
}
