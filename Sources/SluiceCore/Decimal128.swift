/// Helpers for decimal values held as unscaled integers.
public enum Decimal128 {
    /// 10^n for n in 0...38.
    public static func powerOfTen(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// The unscaled value of `value` at `scale`, or nil if it would lose digits or exceed
    /// `precision`.
    public static func unscaled(_ value: Value, scale: Int, precision: Int) -> Int128? {
        let result: Int128?
        switch value {
        case .int32(let v): result = Int128(v).multipliedReportingOverflow(by: powerOfTen(scale)).overflow ? nil : Int128(v) * powerOfTen(scale)
        case .int64(let v): result = Int128(v).multipliedReportingOverflow(by: powerOfTen(scale)).overflow ? nil : Int128(v) * powerOfTen(scale)
        case .decimal(let unscaled, let fromScale):
            if fromScale == scale {
                result = unscaled
            } else if fromScale < scale {
                let (product, overflow) = unscaled.multipliedReportingOverflow(by: powerOfTen(scale - fromScale))
                result = overflow ? nil : product
            } else {
                let divisor = powerOfTen(fromScale - scale)
                result = unscaled % divisor == 0 ? unscaled / divisor : nil
            }
        case .string(let text): result = parse(text, scale: scale)
        default: result = nil
        }
        guard let result, result.magnitude < powerOfTen(precision).magnitude else { return nil }
        return result
    }

    /// Parses `-123.45` at the given scale; nil when it has more fraction digits than `scale`,
    /// does not fit 128 bits, or is not a number.
    public static func parse<S: StringProtocol>(_ text: S, scale: Int) -> Int128? {
        var text = String(text)
        return text.withUTF8 { parse(utf8: $0, scale: scale) }
    }

    /// `parse` over raw UTF-8 bytes, for readers that parse without making strings.
    public static func parse(utf8: UnsafeBufferPointer<UInt8>, scale: Int) -> Int128? {
        var index = 0
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var unscaled: Int128 = 0
        var fractionDigits = 0
        var seenPoint = false
        var digitCount = 0
        while index < utf8.count {
            let byte = utf8[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if seenPoint { fractionDigits += 1 }
            digitCount += 1
            // 39 digits can exceed Int128, so every step checks for overflow.
            let (shifted, shiftOverflow) = unscaled.multipliedReportingOverflow(by: 10)
            let (next, addOverflow) = shifted.addingReportingOverflow(Int128(byte - UInt8(ascii: "0")))
            guard !shiftOverflow, !addOverflow else { return nil }
            unscaled = next
        }
        guard digitCount > 0, fractionDigits <= scale, scale <= DataType.decimalPrecisionMax else { return nil }
        let (result, overflow) = unscaled.multipliedReportingOverflow(by: powerOfTen(scale - fractionDigits))
        guard !overflow else { return nil }
        return negative ? -result : result
    }
}
