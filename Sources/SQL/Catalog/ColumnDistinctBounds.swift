import Parquet
import SluiceCore

/// The most distinct values each integer or date column of a source can hold, from the minimum
/// and maximum its files' statistics record: max − min + 1 over all files. The join order
/// estimates use it to tell a key (as many distinct values as rows) from a column of few values
/// (a nation key in a table of customers). A column some file gives no bounds for is unknown.
///
/// Value type; built once per source.
struct ColumnDistinctBounds: Sendable {
    private var countMaxByColumn: [String: Int] = [:]

    /// - Parameters:
    ///   - schema: the source's columns; only integer and date ones are bounded.
    ///   - files: each file's ranges by column name.
    init(schema: Schema, files: [[String: ColumnValueRange]]) {
        for field in schema.fields where [.int32, .int64, .date].contains(field.type) {
            var low = Int64.max
            var high = Int64.min
            var isBounded = !files.isEmpty
            for ranges in files {
                guard let range = ranges[field.name], let min = range.min.flatMap(Self.integer),
                      let max = range.max.flatMap(Self.integer) else {
                    isBounded = false
                    break
                }
                low = Swift.min(low, min)
                high = Swift.max(high, max)
            }
            guard isBounded, low <= high else { continue }
            let (span, overflow) = high.subtractingReportingOverflow(low)
            if !overflow, span < Int64(Int.max) { countMaxByColumn[field.name] = Int(span) + 1 }
        }
    }

    /// The most distinct values of column `name`; nil when unknown.
    func countMax(ofColumn name: String) -> Int? { countMaxByColumn[name] }

    private static func integer(_ value: Value) -> Int64? {
        switch value {
        case .int32(let number): Int64(number)
        case .int64(let number): number
        case .date(let days): Int64(days)
        default: nil
        }
    }
}
