import Foundation
import SluiceCore

/// The text of one result value as sqllogictest files write it, so expected rows can be written
/// by hand and checked against DuckDB with the same rules (`slt_duckdb.py` formats DuckDB's
/// values identically):
/// - NULL is `NULL`, the empty string `(empty)`, booleans `true`/`false`;
/// - doubles, and every number in a column of type `R`, with three digits after the point
///   (`%.3f`), so results computed in a different order still agree;
/// - other integers in decimal, decimals with exactly their scale's digits (`3.50`);
/// - dates `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS[.ffffff]` without trailing zeros in
///   the fraction; binary as lowercase hex.
enum SLTValueFormatter {
    static func text(_ value: Value, columnType: Character) -> String {
        let isReal = columnType == "R"
        switch value {
        case .null: return "NULL"
        case .string(let text): return text.isEmpty ? "(empty)" : text
        case .boolean(let flag): return flag ? "true" : "false"
        case .int32(let number): return isReal ? fixed(Double(number)) : String(number)
        case .int64(let number): return isReal ? fixed(Double(number)) : String(number)
        case .float64(let number): return fixed(number)
        case .decimal(let unscaled, let scale):
            return isReal ? fixed(Double(Value.formatDecimal(unscaled, scale: scale)) ?? .nan) : Value.formatDecimal(unscaled, scale: scale)
        case .date, .timestamp, .binary: return value.description
        }
    }

    /// `%.3f`, with C's spelling of infinities and NaN (`inf`, `-inf`, `nan`), as Python's.
    static func fixed(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        return String(format: "%.3f", number)
    }
}
