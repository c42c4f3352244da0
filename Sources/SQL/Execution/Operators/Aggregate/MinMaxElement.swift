import SluiceCore

/// A fixed-width value `min` and `max` can compare, with how to read it from and write it to
/// a column buffer.
protocol MinMaxElement: BitwiseCopyable {
    /// Whether `a` sorts before `b` in SQL order.
    static func precedes(_ a: Self, _ b: Self) -> Bool
    static var zero: Self { get }
    static func values(of column: ColumnValues) -> [Self]?
    static func columnValues(_ values: [Self]) -> ColumnValues
}

extension Bool: MinMaxElement {
    static func precedes(_ a: Bool, _ b: Bool) -> Bool { !a && b }
    static var zero: Bool { false }
    static func values(of column: ColumnValues) -> [Bool]? { if case .boolean(let v) = column { v } else { nil } }
    static func columnValues(_ values: [Bool]) -> ColumnValues { .boolean(values) }
}

extension Int32: MinMaxElement {
    static func precedes(_ a: Int32, _ b: Int32) -> Bool { a < b }
    static func values(of column: ColumnValues) -> [Int32]? { if case .int32(let v) = column { v } else { nil } }
    static func columnValues(_ values: [Int32]) -> ColumnValues { .int32(values) }
}

extension Int64: MinMaxElement {
    static func precedes(_ a: Int64, _ b: Int64) -> Bool { a < b }
    static func values(of column: ColumnValues) -> [Int64]? { if case .int64(let v) = column { v } else { nil } }
    static func columnValues(_ values: [Int64]) -> ColumnValues { .int64(values) }
}

extension Int128: MinMaxElement {
    static func precedes(_ a: Int128, _ b: Int128) -> Bool { a < b }
    static func values(of column: ColumnValues) -> [Int128]? { if case .int128(let v) = column { v } else { nil } }
    static func columnValues(_ values: [Int128]) -> ColumnValues { .int128(values) }
}

extension Double: MinMaxElement {
    /// NaN sorts after every other value, as in DuckDB.
    static func precedes(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        return a < b
    }
    static func values(of column: ColumnValues) -> [Double]? { if case .float64(let v) = column { v } else { nil } }
    static func columnValues(_ values: [Double]) -> ColumnValues { .float64(values) }
}
