import SQLParser
import SluiceCore

/// Typed constants for SQL literals, as DuckDB types them: integers are INTEGER when they fit
/// 32 bits, else BIGINT; `1.50` is DECIMAL(3,2); `1e3` is DOUBLE; `DATE '...'` and
/// `TIMESTAMP '...'` are parsed here, so a bad one is reported at its position.
enum LiteralBinding {
    static func bind(_ literal: Literal, range: SourceRange) throws -> PhysicalExpression {
        switch literal {
        case .integer(let text):
            if let value = Int32(text) { return .literal(.int32(value), .int32) }
            if let value = Int64(text) { return .literal(.int64(value), .int64) }
            if let value = Double(text) { return .literal(.float64(value), .float64) }
            throw BindError.make("integer literal \(text) is out of range", at: range)
        case .decimal(let text):
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let whole = parts[0].drop { $0 == "0" }
            let fraction = parts.count > 1 ? String(parts[1]) : ""
            let scale = fraction.count
            let precision = max(whole.count + scale, scale + 1)
            guard precision <= DataType.decimalPrecisionMax, let digits = Int128(String(whole) + fraction) ?? (whole.isEmpty && fraction.isEmpty ? 0 : nil) else {
                guard let value = Double(text) else { throw BindError.make("bad number \(text)", at: range) }
                return .literal(.float64(value), .float64)
            }
            return .literal(.decimal(digits, scale: scale), .decimal(precision: precision, scale: scale))
        case .float(let text):
            guard let value = Double(text) else { throw BindError.make("bad number \(text)", at: range) }
            return .literal(.float64(value), .float64)
        case .string(let text):
            return .literal(.string(text), .string)
        case .boolean(let value):
            return .literal(.boolean(value), .boolean)
        case .null:
            return .literal(.null, .int32)
        case .date(let text):
            guard let days = CivilTime.parseDate(text) else {
                throw BindError.make("'\(text)' is not a date (YYYY-MM-DD)", at: range)
            }
            return .literal(.date(days), .date)
        case .timestamp(let text):
            guard let micros = CivilTime.parseTimestamp(text) else {
                throw BindError.make("'\(text)' is not a timestamp", at: range)
            }
            return .literal(.timestamp(micros), .timestamp)
        case .interval:
            throw BindError.make("an INTERVAL can only be added to or subtracted from a DATE or TIMESTAMP", at: range)
        }
    }

    /// The SQL type of a parameter value.
    static func type(of value: Value) -> DataType {
        switch value {
        case .null, .int32: .int32
        case .boolean: .boolean
        case .int64: .int64
        case .float64: .float64
        case .string: .string
        case .binary: .binary
        case .date: .date
        case .timestamp: .timestamp
        case .decimal(let digits, let scale):
            .decimal(precision: max(scale + 1, min(DataType.decimalPrecisionMax, String(digits.magnitude).count)), scale: scale)
        }
    }
}
