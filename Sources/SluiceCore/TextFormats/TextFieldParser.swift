/// Parses the text of one field (raw UTF-8 bytes, no surrounding quotes) into typed values
/// without building a `String`, and appends the result to a `ColumnBuilder`. Shared by the CSV and
/// JSON Lines readers so both accept exactly the same spellings.
///
/// Spellings: integers `[+-]digits`; floats in decimal or exponent form plus `nan`, `inf`,
/// `infinity` (any case, optional sign); booleans `true`/`false` (any case); dates `YYYY-MM-DD`;
/// timestamps in the forms of `CivilTime.parseTimestamp`, or a bare date meaning midnight.
/// No whitespace is trimmed: a CSV field `" 42"` is text, as RFC 4180 says spaces are data.
enum TextFieldParser {
    /// A signed 64-bit integer; nil on any other byte, on overflow, or on empty text.
    static func parseInt64(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < text.count else { return nil }
        // Accumulate as a negative number so Int64.min parses without overflow.
        var value: Int64 = 0
        while index < text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
            let (next, subtractOverflow) = shifted.subtractingReportingOverflow(Int64(digit))
            guard !shiftOverflow, !subtractOverflow else { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        guard value != Int64.min else { return nil }
        return -value
    }

    /// Whether the text's integer part has a redundant leading zero (`007`, `-0012.5`). Inference
    /// keeps such columns as text: they are zip codes, phone numbers and identifiers, and turning
    /// them into numbers would lose the zeros.
    static func hasRedundantLeadingZero(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { index = 1 }
        guard index + 1 < text.count, text[index] == UInt8(ascii: "0") else { return false }
        return text[index + 1] &- UInt8(ascii: "0") < 10
    }

    /// A double equal to `Double(String(text))` for every decimal or exponent spelling, plus the
    /// words `nan`, `inf` and `infinity`; nil for anything else (hex floats included).
    static func parseFloat64(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        switch scanDecimal(text) {
        case .exact(let value): return value
        case .needsFullConversion:
            return Double(String(decoding: text, as: UTF8.self))
        case .notANumber:
            return parseSpecialFloat(text)
        }
    }

    /// `true` or `false` in any case.
    static func parseBoolean(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        if equalsIgnoringASCIICase(text, "true") { return true }
        if equalsIgnoringASCIICase(text, "false") { return false }
        return nil
    }

    /// Microseconds since the epoch of a timestamp, or of midnight of a bare date.
    static func parseTimestampOrDate(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        if let micros = CivilTime.parseTimestamp(utf8: text) { return micros }
        if let days = CivilTime.parseDate(utf8: text) { return Int64(days) * CivilTime.microsPerDay }
        return nil
    }

    /// Parses `text` as a value of `type` and appends it.
    /// - Returns: false, appending nothing, when the text is not a value of that type.
    static func append(_ text: UnsafeBufferPointer<UInt8>, as type: DataType, to builder: inout ColumnBuilder) -> Bool {
        switch type {
        case .int64:
            guard let value = parseInt64(text) else { return false }
            builder.append(value)
        case .float64:
            guard let value = parseFloat64(text) else { return false }
            builder.append(value)
        case .string, .binary:
            builder.append(bytes: text)
        case .boolean:
            guard let value = parseBoolean(text) else { return false }
            builder.append(value)
        case .date:
            guard let value = CivilTime.parseDate(utf8: text) else { return false }
            builder.append(value)
        case .timestamp:
            guard let value = parseTimestampOrDate(text) else { return false }
            builder.append(value)
        case .int32:
            guard let wide = parseInt64(text), let value = Int32(exactly: wide) else { return false }
            builder.append(value)
        case .decimal(let precision, let scale):
            guard let unscaled = Decimal128.parse(utf8: text, scale: scale),
                  unscaled.magnitude < Decimal128.powerOfTen(precision).magnitude
            else { return false }
            builder.append(unscaled)
        }
        return true
    }

    // MARK: - Floats

    private enum DecimalScan {
        case exact(Double)
        case needsFullConversion
        case notANumber
    }

    /// Exact powers of ten as doubles: 10^0 ... 10^22 are all representable without rounding.
    private static let exactPowersOfTen: [Double] = {
        var powers: [Double] = [1]
        for _ in 1...22 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// Checks the grammar `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` and, for
    /// the common case, computes the value exactly: when the digits form an integer below 2^53
    /// and the power of ten is at most 22, both are exact doubles and one IEEE multiply or divide
    /// rounds correctly (Clinger's fast path), so the result equals what a full conversion gives.
    private static func scanDecimal(_ text: UnsafeBufferPointer<UInt8>) -> DecimalScan {
        var index = 0
        var negative = false
        if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var digitCount = 0
        var exponent10 = 0
        while index < text.count, text[index] &- UInt8(ascii: "0") < 10 {
            accumulate(text[index], into: &mantissa, significantDigits: &significantDigits)
            digitCount += 1
            index += 1
        }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            while index < text.count, text[index] &- UInt8(ascii: "0") < 10 {
                accumulate(text[index], into: &mantissa, significantDigits: &significantDigits)
                digitCount += 1
                exponent10 -= 1
                index += 1
            }
        }
        guard digitCount > 0 else { return .notANumber }
        if index < text.count, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while index < text.count, text[index] &- UInt8(ascii: "0") < 10 {
                // Past a few thousand the value is 0 or infinity anyway; stop growing.
                if exponent < 100_000 { exponent = exponent * 10 + Int(text[index] &- UInt8(ascii: "0")) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return .notANumber }
            exponent10 += exponentNegative ? -exponent : exponent
        }
        guard index == text.count else { return .notANumber }
        // Over 19 significant digits the mantissa was not accumulated exactly.
        guard significantDigits <= 19, mantissa <= 1 << 53, (-22...22).contains(exponent10) else {
            return .needsFullConversion
        }
        var value = Double(mantissa)
        if exponent10 < 0 {
            value /= exactPowersOfTen[-exponent10]
        } else {
            value *= exactPowersOfTen[exponent10]
        }
        return .exact(negative ? -value : value)
    }

    @inline(__always)
    private static func accumulate(_ byte: UInt8, into mantissa: inout UInt64, significantDigits: inout Int) {
        // Leading zeros are not significant, so `0.000123` keeps a small mantissa.
        if mantissa == 0, byte == UInt8(ascii: "0") { return }
        significantDigits += 1
        if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0")) }
    }

    private static func parseSpecialFloat(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var body = text
        var negative = false
        if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            body = UnsafeBufferPointer(rebasing: text[1...])
        }
        if equalsIgnoringASCIICase(body, "nan") { return negative ? -Double.nan : Double.nan }
        if equalsIgnoringASCIICase(body, "inf") || equalsIgnoringASCIICase(body, "infinity") {
            return negative ? -Double.infinity : Double.infinity
        }
        return nil
    }

    /// Compares against a lowercase ASCII word.
    static func equalsIgnoringASCIICase(_ text: UnsafeBufferPointer<UInt8>, _ lowercaseWord: StaticString) -> Bool {
        guard text.count == lowercaseWord.utf8CodeUnitCount else { return false }
        let word = lowercaseWord.utf8Start
        for index in 0..<text.count {
            let byte = text[index]
            let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            guard folded == word[index] else { return false }
        }
        return true
    }
}
