/// A constant written in the query. Numbers keep their exact text: the binder decides whether
/// `0.05` is a decimal and whether `12345678901234567890` fits, not the parser.
public enum Literal: Hashable, Sendable, CustomStringConvertible {
    /// Digits only, as written.
    case integer(String)
    /// Digits with a decimal point and no exponent, as written (`0.05`).
    case decimal(String)
    /// A number with an exponent, as written (`1.5e10`).
    case float(String)
    case string(String)
    case boolean(Bool)
    case null
    /// `DATE '1998-12-01'`; the text is checked by the binder.
    case date(String)
    /// `TIMESTAMP '2024-01-01 10:00:00'`; the text is checked by the binder.
    case timestamp(String)
    case interval(IntervalLiteral)

    public var description: String {
        switch self {
        case .integer(let text), .decimal(let text), .float(let text): return text
        case .string(let text): return SQLText.quotedString(text)
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .null: return "NULL"
        case .date(let text): return "DATE " + SQLText.quotedString(text)
        case .timestamp(let text): return "TIMESTAMP " + SQLText.quotedString(text)
        case .interval(let interval): return interval.description
        }
    }
}
