/// A built-in scalar function. Arguments are positional; the natural result type of each is
/// given by `resultType(for:)`, and the evaluator casts to the expression's `resultType` when
/// that differs.
///
/// Unless a case says otherwise, a NULL argument makes the row NULL.
public enum ScalarFunction: Sendable, Hashable, CustomStringConvertible {
    /// `coalesce(a, b, ...)`: the first non-NULL argument; later arguments are evaluated only
    /// for rows still NULL.
    case coalesce
    /// `nullif(a, b)`: NULL where `a = b`, else `a`.
    case nullIf
    /// `lower(s)`, `upper(s)`: Unicode case mapping, with a byte loop for ASCII values.
    case lower, upper
    /// `length(s)`: the number of Unicode code points (BIGINT).
    case length
    /// `trim(s[, characters])`, `ltrim`, `rtrim`: strip spaces, or every character of
    /// `characters`, from both ends, the start or the end.
    case trim, leftTrim, rightTrim
    /// `concat(a, b, ...)`: NULL arguments count as empty strings (DuckDB's `concat`).
    case concat
    /// `a || b`: NULL when any argument is NULL.
    case concatOperator
    /// `substring(s, start[, length])`: 1-based, on code points, DuckDB's rules for zero and
    /// negative `start` and `length`.
    case substring
    /// `extract(part from d)` on a DATE or TIMESTAMP (BIGINT).
    case extract(DatePart)
    /// `date_add_days(d, n)`: a DATE or TIMESTAMP moved by `n` days (`d ± INTERVAL n DAY`).
    case dateAddDays
    /// `date_add_months(d, n)`: moved by `n` months, the day clamped to the end of the target
    /// month (2024-01-31 + 1 month = 2024-02-29); years are 12 months.
    case dateAddMonths
    /// `abs(x)`.
    case abs
    /// `round(x[, digits])`: half away from zero. On a decimal, `digits` must be a literal and
    /// the result is DECIMAL(p, min(s, max(digits, 0))).
    case round
    /// `floor(x)`, `ceil(x)`: a decimal gives DECIMAL(p, 0).
    case floor, ceil
    /// `sqrt(x)`, `power(x, y)`, `ln(x)`, `exp(x)`: FLOAT64; square roots and logarithms of
    /// values out of their domain are errors, as in DuckDB.
    case sqrt, power, ln, exp
    /// `mod(a, b)`: the same as `a % b`.
    case mod

    /// The function's SQL name.
    public var name: String {
        switch self {
        case .coalesce: "coalesce"
        case .nullIf: "nullif"
        case .lower: "lower"
        case .upper: "upper"
        case .length: "length"
        case .trim: "trim"
        case .leftTrim: "ltrim"
        case .rightTrim: "rtrim"
        case .concat: "concat"
        case .concatOperator: "||"
        case .substring: "substring"
        case .extract: "extract"
        case .dateAddDays: "date_add_days"
        case .dateAddMonths: "date_add_months"
        case .abs: "abs"
        case .round: "round"
        case .floor: "floor"
        case .ceil: "ceil"
        case .sqrt: "sqrt"
        case .power: "power"
        case .ln: "ln"
        case .exp: "exp"
        case .mod: "mod"
        }
    }

    public var description: String { name }
}
