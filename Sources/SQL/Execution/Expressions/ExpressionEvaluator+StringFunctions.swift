import SluiceCore

/// String functions over UTF-8 bytes. Character positions and lengths count code points; values
/// that are pure ASCII take byte loops, others decode only where needed.
extension ExpressionEvaluator {
    /// Builds a STRING column by appending, per valid row, what `body` writes for its bytes.
    @inline(__always)
    static func mapStrings(
        _ column: Column, reservingBytes: Int? = nil,
        _ body: (Int, UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void
    ) -> Column {
        guard case .bytes(let buffer) = column.values else { preconditionFailure("STRING column without bytes") }
        var output: [UInt8] = []
        output.reserveCapacity(reservingBytes ?? buffer.bytes.count)
        var offsets: [Int64] = [0]
        offsets.reserveCapacity(column.count + 1)
        buffer.bytes.withUnsafeBufferPointer { bytes in
            for row in 0..<column.count {
                if !column.isNull(row) {
                    body(row, UnsafeBufferPointer(rebasing: bytes[buffer.byteRange(row)]), &output)
                }
                offsets.append(Int64(output.count))
            }
        }
        return Column(type: .string, values: .bytes(BinaryBuffer(offsets: offsets, bytes: output)), validity: column.validity)
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in bytes { combined |= byte }
        return combined < 0x80
    }

    /// `lower` / `upper`.
    static func changeCase(_ text: Datum, upper: Bool, count: Int) throws -> Datum {
        let column = text.materialized(count: count)
        return .column(mapStrings(column) { _, bytes, output in
            if isASCII(bytes) {
                for byte in bytes {
                    let isLetter = upper ? (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                                         : (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    output.append(isLetter ? byte ^ 0x20 : byte)
                }
            } else {
                let string = String(decoding: bytes, as: UTF8.self)
                output.append(contentsOf: (upper ? string.uppercased() : string.lowercased()).utf8)
            }
        })
    }

    /// `length`: code points, the bytes that do not continue a character.
    static func characterLengths(_ text: Datum, count: Int) -> Datum {
        let column = text.materialized(count: count)
        guard case .bytes(let buffer) = column.values else { preconditionFailure("STRING column without bytes") }
        let lengths = buffer.withPointers { bytes, offsets in
            (0..<count).map { row -> Int64 in
                var characters: Int64 = 0
                for index in Int(offsets[row])..<Int(offsets[row + 1]) where bytes![index] & 0xC0 != 0x80 { characters += 1 }
                return characters
            }
        }
        return .column(Column.cleaned(type: .int64, values: .int64(lengths), validity: column.validity))
    }

    /// `trim` family: strip the characters of `characters` (per row or one set) from the ends.
    static func trim(_ text: Datum, characters: Datum, leading: Bool, trailing: Bool, count: Int) -> Datum {
        let column = text.materialized(count: count)
        let sets = characters.materialized(count: setPerRowCount(characters, count))
        let validity = ValidityBitmap.intersection(column.validity, characters.validity)
        // One set for all rows (the usual literal) is split into characters once.
        var setCache: (text: String, characters: [[UInt8]])?
        if case .scalar(.string(let setText), _) = characters { setCache = (setText, setText.map { Array(String($0).utf8) }) }
        let setPerRow = if case .column = characters { true } else { false }
        let trimmed = mapStrings(column) { row, bytes, output in
            guard validity?.isValid(row) ?? true else { return }
            if setPerRow, case .string(let setText) = sets[row], setCache?.text != setText {
                setCache = (setText, setText.map { Array(String($0).utf8) })
            }
            guard let set = setCache?.characters else { return }
            var start = 0
            var end = bytes.count
            if leading {
                while let match = set.first(where: { start + $0.count <= end && bytes[start..<(start + $0.count)].elementsEqual($0) }) {
                    start += match.count
                }
            }
            if trailing {
                while let match = set.first(where: { end - $0.count >= start && bytes[(end - $0.count)..<end].elementsEqual($0) }) {
                    end -= match.count
                }
            }
            output.append(contentsOf: bytes[start..<end])
        }
        return .column(Column.cleaned(type: .string, values: trimmed.values, validity: validity))
    }

    private static func setPerRowCount(_ characters: Datum, _ count: Int) -> Int {
        if case .column = characters { return count }
        return 1
    }

    /// `concat` (NULLs skipped, never NULL) and `||` (NULL if any part is).
    static func concat(_ parts: [Datum], skippingNulls: Bool, count: Int, expression: PhysicalExpression) throws -> Datum {
        let texts = try parts.map { try cast($0, to: .string, in: expression) }
        if !skippingNulls, texts.contains(where: \.isNullScalar) { return .scalar(.null, .string) }
        let allScalar = texts.allSatisfy { if case .scalar = $0 { true } else { false } }
        let rowCount = allScalar ? 1 : count
        let columns = texts.map { $0.materialized(count: rowCount) }
        let validity = skippingNulls ? nil : ValidityBitmap.intersection(columns.map(\.validity))
        var output = BinaryBuffer()
        output.reserve(values: rowCount, bytes: columns.reduce(0) { total, column in
            if case .bytes(let buffer) = column.values { return total + buffer.bytes.count }
            return total
        })
        for row in 0..<rowCount {
            if validity?.isValid(row) ?? true {
                for column in columns where !column.isNull(row) {
                    guard case .bytes(let buffer) = column.values else { continue }
                    output.bytes.append(contentsOf: buffer[row])
                }
            }
            output.offsets.append(Int64(output.bytes.count))
        }
        let column = Column(type: .string, values: .bytes(output), validity: validity)
        return allScalar ? .scalar(column[0], .string) : .column(column)
    }

    /// `substring(s, start[, length])` on code points, with DuckDB's rules: a start of 0 begins
    /// one character before the first, a negative start counts from the end, a negative length
    /// takes characters before the start.
    static func substring(_ text: Datum, start: Datum, length: Datum?, count: Int) -> Datum {
        let column = text.materialized(count: count)
        let starts = start.materialized(count: count)
        let lengths = length?.materialized(count: count)
        let validity = ValidityBitmap.intersection([column.validity, starts.validity, lengths?.validity])
        guard case .int64(let startValues) = starts.values else { preconditionFailure("substring start is not INT64") }
        let lengthValues: [Int64]? = if case .int64(let values)? = lengths?.values { values } else { nil }
        let sliced = mapStrings(column) { row, bytes, output in
            guard validity?.isValid(row) ?? true else { return }
            // Without a length the slice runs to the end; a bound this large cannot overflow below.
            let wanted = lengthValues?[row] ?? Int64(UInt32.max)
            let ascii = isASCII(bytes)
            let characterCount = ascii ? Int64(bytes.count) : Int64(bytes.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) })
            guard let (first, end) = substringRange(characterCount: characterCount, start: startValues[row], length: wanted) else { return }
            if ascii {
                output.append(contentsOf: bytes[Int(first)..<Int(end)])
            } else {
                let lower = byteOffset(ofCharacter: Int(first), in: bytes)
                let upper = byteOffset(ofCharacter: Int(end), in: bytes)
                output.append(contentsOf: bytes[lower..<upper])
            }
        }
        return .column(Column.cleaned(type: .string, values: sliced.values, validity: validity))
    }

    /// The character range `first ..< end` a substring takes, or nil when it is empty.
    static func substringRange(characterCount: Int64, start: Int64, length: Int64) -> (Int64, Int64)? {
        let clampedStart = max(min(start, 1 << 40), -(1 << 40))
        var length = max(min(length, 1 << 40), -(1 << 40))
        guard length != 0 else { return nil }
        var first: Int64
        if clampedStart > 0 {
            first = min(characterCount, clampedStart - 1)
        } else if clampedStart < 0 {
            first = max(characterCount + clampedStart, 0)
        } else {
            first = 0
            length -= 1
            if length <= 0 { return nil }
        }
        var end: Int64
        if length > 0 {
            end = min(characterCount, first + length)
        } else {
            end = first
            first = max(0, first + length)
        }
        return first < end ? (first, end) : nil
    }

    /// The byte offset where character `index` starts (the byte count when past the end).
    private static func byteOffset(ofCharacter index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var seen = 0
        for offset in 0..<bytes.count where bytes[offset] & 0xC0 != 0x80 {
            if seen == index { return offset }
            seen += 1
        }
        return bytes.count
    }
}
