import SluiceCore

/// Text parsed as other types, straight from the UTF-8 bytes. Surrounding ASCII whitespace is
/// ignored, as in DuckDB.
extension ExpressionEvaluator {
    /// - Throws: `SluiceError` (data) "cannot cast 'abc' to INT64 in ..." for the first valid
    ///   row that does not parse.
    static func castFromString(_ column: Column, to target: DataType, in expression: PhysicalExpression) throws -> Column {
        guard case .bytes(let buffer) = column.values else { preconditionFailure("STRING column without bytes") }
        var builder = ColumnBuilder(type: target, capacity: column.count)
        try buffer.bytes.withUnsafeBufferPointer { bytes in
            for row in 0..<column.count {
                if column.isNull(row) {
                    builder.appendNull()
                    continue
                }
                let text = trimmedASCIIWhitespace(UnsafeBufferPointer(rebasing: bytes[buffer.byteRange(row)]))
                guard try appendParsed(text, to: &builder, as: target) else {
                    throw failure("cannot cast \(quoted(column[row])) to \(target)", in: expression)
                }
            }
        }
        return builder.finish()
    }

    /// Parses one value and appends it; false when the text is not a `type`.
    private static func appendParsed(_ text: UnsafeBufferPointer<UInt8>, to builder: inout ColumnBuilder, as type: DataType) throws -> Bool {
        switch type {
        case .boolean:
            guard let flag = parseBoolean(text) else { return false }
            builder.append(flag)
        case .int32:
            guard let number = parseRoundedInteger(text), let narrow = Int32(exactly: number) else { return false }
            builder.append(narrow)
        case .int64:
            guard let number = parseRoundedInteger(text) else { return false }
            builder.append(number)
        case .float64:
            guard let number = Double(String(decoding: text, as: UTF8.self)) else { return false }
            builder.append(number)
        case .decimal(let precision, let scale):
            guard let unscaled = parseDecimal(text, scale: scale), unscaled.magnitude < DecimalPowers.of(precision).magnitude
            else { return false }
            builder.append(unscaled)
        case .date:
            guard let days = CivilTime.parseDate(utf8: text) else { return false }
            builder.append(days)
        case .timestamp:
            if let micros = CivilTime.parseTimestamp(utf8: text) {
                builder.append(micros)
            } else if let days = CivilTime.parseDate(utf8: text) {
                builder.append(Int64(days) * CivilTime.microsPerDay)
            } else {
                return false
            }
        case .string, .binary:
            builder.append(bytes: text)
        }
        return true
    }

    static func trimmedASCIIWhitespace(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = text.count
        while start < end, isASCIIWhitespace(text[start]) { start += 1 }
        while end > start, isASCIIWhitespace(text[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: text[start..<end])
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// An integer, or a decimal number rounded half away from zero as DuckDB does
    /// (`'1.5'` is 2, `'1e3'` is 1000); nil on anything else or out of range.
    static func parseRoundedInteger(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        if let number = parseInteger(text) { return number }
        return parseDecimal(text, scale: 0).flatMap { Int64(exactly: $0) }
    }

    /// `[+-]digits`, nil on anything else or on overflow.
    static func parseInteger(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < text.count else { return nil }
        // Accumulating negatively reaches Int64.min without overflowing.
        var value: Int64 = 0
        while index < text.count {
            let digit = Int64(text[index]) - Int64(UInt8(ascii: "0"))
            guard digit >= 0, digit <= 9 else { return nil }
            let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
            let (next, subtractOverflow) = shifted.subtractingReportingOverflow(digit)
            guard !shiftOverflow, !subtractOverflow else { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }

    /// `[+-]digits[.digits][e[+-]digits]` as an unscaled integer at `scale`, digits past the
    /// scale rounded half away from zero; nil on anything else or past 128 bits.
    static func parseDecimal(_ text: UnsafeBufferPointer<UInt8>, scale: Int) -> Int128? {
        var index = 0
        var negative = false
        if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var digits: [UInt8] = []
        var fractionDigitCount = 0
        var seenPoint = false
        var seenDigit = false
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                seenDigit = true
                // Leading zeros of the integer part carry no value; skipping them keeps long inputs short.
                if !digits.isEmpty || byte != UInt8(ascii: "0") || seenPoint { digits.append(byte - UInt8(ascii: "0")) }
                if seenPoint { fractionDigitCount += 1 }
            } else {
                break
            }
            index += 1
        }
        guard seenDigit else { return nil }
        var exponent = 0
        if index < text.count {
            guard text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") else { return nil }
            guard let parsed = parseInteger(UnsafeBufferPointer(rebasing: text[(index + 1)...])),
                  abs(parsed) < 1000 else { return nil }
            exponent = Int(parsed)
        }
        // The value is digits × 10^(exponent - fractionDigitCount); bring it to `scale`.
        let shift = exponent - fractionDigitCount + scale
        var value: Int128 = 0
        let keptCount = shift >= 0 ? digits.count : digits.count + shift
        for digit in digits.prefix(max(keptCount, 0)) {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = shifted + Int128(digit)
        }
        if shift > 0 {
            guard shift <= DataType.decimalPrecisionMax else { return value == 0 ? 0 : nil }
            let (scaled, overflow) = value.multipliedReportingOverflow(by: DecimalPowers.of(shift))
            guard !overflow else { return nil }
            value = scaled
        } else if keptCount >= 0, keptCount < digits.count, digits[keptCount] >= 5 {
            value += 1
        }
        return negative ? -value : value
    }

    /// `true`/`false`, `t`/`f`, `yes`/`no`, `1`/`0`, any case.
    static func parseBoolean(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch String(decoding: text, as: UTF8.self).lowercased() {
        case "true", "t", "yes", "y", "1": true
        case "false", "f", "no", "n", "0": false
        default: nil
        }
    }
}
