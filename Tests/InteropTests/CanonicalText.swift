import SluiceCore

/// Sluice values in the canonical text form of `python/canonical.py`, so that what Sluice holds
/// and what pyarrow or DuckDB read compare as plain strings: booleans `true`/`false`, integers in
/// decimal, floats as Python's `repr`, strings as themselves, binary as lowercase hex, dates as
/// days since 1970-01-01, timestamps as microseconds since the epoch, decimals with exactly
/// `scale` digits after the point. Null is `nil`.
enum CanonicalText {
    static func text(_ value: Value) -> String? {
        switch value {
        case .null: nil
        case .boolean(let value): value ? "true" : "false"
        case .int32(let value): String(value)
        case .int64(let value): String(value)
        case .float64(let value): pythonRepr(value)
        case .string(let value): value
        case .binary(let bytes): hex(bytes)
        case .date(let days): String(days)
        case .timestamp(let micros): String(micros)
        case .decimal(let unscaled, let scale): Value.formatDecimal(unscaled, scale: scale)
        }
    }

    static func texts(_ column: Column) -> [String?] {
        (0..<column.count).map { text(column[$0]) }
    }

    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Python's `repr` of a float. Swift's `description` already gives the shortest digits that
    /// round-trip (as Python does); only the layout differs. Python writes an exponent when the
    /// decimal point falls more than 16 digits right of the first digit or 4 or more places left
    /// of it (`1e+16`, `1e-05`), always with a sign and at least two exponent digits, and
    /// otherwise plain digits with at least one digit after the point (`1234567890123456.0`).
    static func pythonRepr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0.0" }
        let swiftText = value.magnitude.description
        var mantissa = Substring(swiftText)
        var exponent = 0
        if let marker = swiftText.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = swiftText[..<marker]
            exponent = Int(swiftText[swiftText.index(after: marker)...])!
        }
        let pointIndex = mantissa.firstIndex(of: ".")
        let integerDigits = pointIndex.map { mantissa[..<$0] } ?? mantissa
        let fractionDigits = pointIndex.map { mantissa[mantissa.index(after: $0)...] } ?? ""
        var digits = Array(integerDigits + fractionDigits)
        // The value is DIGITS with the decimal point after the first `pointPosition` of them
        // (zero or negative: that many zeros further left), as Python's dtoa reports it.
        var pointPosition = integerDigits.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let digitText = String(digits)
        if pointPosition <= -4 || pointPosition > 16 {
            let power = pointPosition - 1
            let powerDigits = String(abs(power))
            let fraction = digits.count > 1 ? "." + String(digits.dropFirst()) : ""
            return sign + String(digits[0]) + fraction + "e" + (power < 0 ? "-" : "+")
                + (powerDigits.count < 2 ? "0" + powerDigits : powerDigits)
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digitText
        }
        if pointPosition >= digits.count {
            return sign + digitText + String(repeating: "0", count: pointPosition - digits.count) + ".0"
        }
        return sign + String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
    }
}
