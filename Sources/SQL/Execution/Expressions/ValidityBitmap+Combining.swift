import SluiceCore

/// Word-wise combinations of validity bitmaps for the evaluator (nil means "no nulls").
extension ValidityBitmap {
    /// Rows valid in both; nil when neither has nulls.
    static func intersection(_ first: ValidityBitmap?, _ second: ValidityBitmap?) -> ValidityBitmap? {
        guard let first else { return second }
        guard let second else { return first }
        precondition(first.count == second.count, "validity bitmaps of \(first.count) and \(second.count) rows")
        var words = first.words
        second.words.withUnsafeBufferPointer { other in
            words.withUnsafeMutableBufferPointer { words in
                for index in words.indices { words[index] &= other[index] }
            }
        }
        return ValidityBitmap(words: words, count: first.count)
    }

    /// Rows valid in all of `bitmaps`.
    static func intersection(_ bitmaps: [ValidityBitmap?]) -> ValidityBitmap? {
        bitmaps.reduce(nil) { intersection($0, $1) }
    }

    /// A bitmap from a predicate over row numbers; nil when every row is valid.
    static func from(count: Int, _ isValid: (Int) -> Bool) -> ValidityBitmap? {
        var words = [UInt64](repeating: 0, count: (count + 63) >> 6)
        var nullCount = 0
        words.withUnsafeMutableBufferPointer { words in
            for row in 0..<count {
                let valid = isValid(row)
                words[row >> 6] |= (valid ? 1 : 0) << UInt64(row & 63)
                nullCount &+= valid ? 0 : 1
            }
        }
        return nullCount == 0 ? nil : ValidityBitmap(words: words, count: count)
    }

    /// Calls `body` with each null row, ascending, skipping all-valid words.
    func forEachNullRow(_ body: (Int) -> Void) {
        for (wordIndex, word) in words.enumerated() where word != .max {
            var nulls = ~word
            while nulls != 0 {
                let row = wordIndex << 6 + nulls.trailingZeroBitCount
                if row >= count { return }
                body(row)
                nulls &= nulls - 1
            }
        }
    }
}

extension ColumnValues {
    /// The buffer with the slots of null rows reset to zero (empty for bytes), keeping the
    /// `ColumnValues` contract after a kernel computed garbage in them.
    func zeroingNullSlots(_ validity: ValidityBitmap?) -> ColumnValues {
        guard let validity else { return self }
        switch self {
        case .boolean(var values):
            validity.forEachNullRow { values[$0] = false }
            return .boolean(values)
        case .int32(var values):
            validity.forEachNullRow { values[$0] = 0 }
            return .int32(values)
        case .int64(var values):
            validity.forEachNullRow { values[$0] = 0 }
            return .int64(values)
        case .int128(var values):
            validity.forEachNullRow { values[$0] = 0 }
            return .int128(values)
        case .float64(var values):
            validity.forEachNullRow { values[$0] = 0 }
            return .float64(values)
        case .bytes(let buffer):
            var hasBytesInNullSlot = false
            validity.forEachNullRow { row in
                if buffer.offsets[row] != buffer.offsets[row + 1] { hasBytesInNullSlot = true }
            }
            guard hasBytesInNullSlot else { return self }
            var cleaned = BinaryBuffer()
            cleaned.reserve(values: buffer.count, bytes: buffer.bytes.count)
            buffer.bytes.withUnsafeBytes { bytes in
                for row in 0..<buffer.count {
                    if validity.isValid(row) {
                        cleaned.append(bytes: UnsafeRawBufferPointer(rebasing: bytes[buffer.byteRange(row)]))
                    } else {
                        cleaned.appendEmpty()
                    }
                }
            }
            return .bytes(cleaned)
        }
    }
}

extension Column {
    /// A column from kernel output whose null slots may hold garbage.
    static func cleaned(type: DataType, values: ColumnValues, validity: ValidityBitmap?) -> Column {
        Column(type: type, values: values.zeroingNullSlots(validity), validity: validity)
    }
}
