extension Value {
    /// Orders two values of the same kind: negative, zero or positive; nil when they are not
    /// comparable (different kinds, a null, or a NaN). Decimals compare across scales;
    /// strings and binary compare byte-wise (unsigned), as Parquet statistics do.
    public func compare(to other: Value) -> Int? {
        switch (self, other) {
        case (.boolean(let a), .boolean(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.int32(let a), .int32(let b)), (.date(let a), .date(let b)): return Value.order(a, b)
        case (.int64(let a), .int64(let b)), (.timestamp(let a), .timestamp(let b)): return Value.order(a, b)
        case (.int32(let a), .int64(let b)): return Value.order(Int64(a), b)
        case (.int64(let a), .int32(let b)): return Value.order(a, Int64(b))
        case (.float64(let a), .float64(let b)):
            if a.isNaN || b.isNaN { return nil }
            return Value.order(a, b)
        case (.string(let a), .string(let b)): return Value.byteOrder(Array(a.utf8), Array(b.utf8))
        case (.binary(let a), .binary(let b)): return Value.byteOrder(a, b)
        case (.decimal(let a, let scaleA), .decimal(let b, let scaleB)):
            if scaleA == scaleB { return Value.order(a, b) }
            let scale = Swift.max(scaleA, scaleB)
            let (wideA, overflowA) = a.multipliedReportingOverflow(by: Decimal128.powerOfTen(scale - scaleA))
            let (wideB, overflowB) = b.multipliedReportingOverflow(by: Decimal128.powerOfTen(scale - scaleB))
            if overflowA || overflowB { return nil }
            return Value.order(wideA, wideB)
        default:
            return nil
        }
    }

    /// The value as another type, when that loses nothing (text is parsed: dates, timestamps,
    /// numbers); nil otherwise.
    public func converted(to type: DataType) -> Value? {
        switch (type, self) {
        case (_, .null): return .null
        case (.boolean, .boolean): return self
        case (.boolean, .string(let text)):
            switch text.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return nil
            }
        case (.int32, .int32): return self
        case (.int32, .int64(let v)): return Int32(exactly: v).map { .int32($0) }
        case (.int32, .string(let text)): return Int32(text).map { .int32($0) }
        case (.int64, .int64): return self
        case (.int64, .int32(let v)): return .int64(Int64(v))
        case (.int64, .string(let text)): return Int64(text).map { .int64($0) }
        case (.float64, .float64): return self
        case (.float64, .int32(let v)): return .float64(Double(v))
        case (.float64, .int64(let v)): return .float64(Double(v))
        case (.float64, .decimal(let v, let scale)): return .float64(Double(v) / Double(Decimal128.powerOfTen(scale)))
        case (.float64, .string(let text)): return Double(text).map { .float64($0) }
        case (.string, .string): return self
        case (.string, _): return .string(description)
        case (.binary, .binary): return self
        case (.binary, .string(let text)): return .binary(Array(text.utf8))
        case (.date, .date): return self
        case (.date, .string(let text)): return CivilTime.parseDate(text).map { .date($0) }
        case (.timestamp, .timestamp): return self
        case (.timestamp, .date(let days)): return .timestamp(Int64(days) * CivilTime.microsPerDay)
        case (.timestamp, .string(let text)):
            if let micros = CivilTime.parseTimestamp(text) { return .timestamp(micros) }
            return CivilTime.parseDate(text).map { .timestamp(Int64($0) * CivilTime.microsPerDay) }
        case (.decimal(let precision, let scale), _):
            return Decimal128.unscaled(self, scale: scale, precision: precision).map { .decimal($0, scale: scale) }
        default:
            return nil
        }
    }

    private static func order<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }

    private static func byteOrder(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count - b.count
    }
}
