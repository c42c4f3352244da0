import Foundation
import SluiceCore

/// Rows covering every Sluice type with its edge values, nulls in the nullable columns, NOT NULL
/// columns, and a string column whose second half has many distinct values (so a small
/// dictionary limit overflows in the middle of a column chunk). Deterministic for a seed.
struct SampleTable {
    static let schema = try! Schema(parsing: """
        flag BOOLEAN, small INT32, big INT64, ratio FLOAT64, label STRING, payload BINARY, \
        day DATE, moment TIMESTAMP, price DECIMAL(9,2), amount DECIMAL(18,4), huge DECIMAL(38,10), \
        nothing INT32, id INT64 NOT NULL, code STRING NOT NULL, valid BOOLEAN NOT NULL, \
        total DECIMAL(38,10) NOT NULL
        """)

    let rowCount: Int
    /// Boxed values, one array per column of `schema`.
    let columns: [[Value]]

    init(rowCount: Int, seed: UInt64) {
        self.rowCount = rowCount
        var random = SeededRandomGenerator(seed: seed)
        func column(nullEvery: Int?, _ specials: [Value], _ draw: (Int, inout SeededRandomGenerator) -> Value) -> [Value] {
            (0..<rowCount).map { row in
                if let nullEvery, row % nullEvery == nullEvery - 1 { return .null }
                return row < specials.count ? specials[row] : draw(row, &random)
            }
        }
        let words = ["", "a", "Zürich", "東京", "🍕👩‍💻", "naïve café", "line\nbreak", "quote\"back\\slash",
                     "tab\there", "\u{7F}del", "ascii"]
        let doubles: [Double] = [-0.0, 0.0, .infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
                                 2.2250738585072014e-308, 1e-300, 1e300, 0.1, 1e16, 1234567890123456.0, 1e-5, 1e-4,
                                 .nan, -1.5, 123456789.125]
        columns = [
            column(nullEvery: 11, [.boolean(true), .boolean(false)]) { _, r in .boolean(Bool.random(using: &r)) },
            column(nullEvery: 7, [Int32.min, Int32.max, 0, -1].map { .int32($0) }) { _, r in
                .int32(Int32.random(in: -1000...1000, using: &r))
            },
            column(nullEvery: 13, [Int64.min, Int64.max, 0, -1].map { .int64($0) }) { _, r in
                .int64(Int64.random(in: .min ... .max, using: &r))
            },
            column(nullEvery: 17, doubles.map { .float64($0) }) { row, r in
                if row % 500 == 250 { return .float64(.nan) }
                // In 1000-row groups, group 1 has no positive value but a -0.0 and group 2 no
                // negative value but a +0.0: statistics must still say max +0.0 and min -0.0.
                if row == 1001 { return .float64(-0.0) }
                if row == 2001 { return .float64(0.0) }
                var sign: Double = Bool.random(using: &r) ? -1 : 1
                if (1000..<2000).contains(row) { sign = -1 } else if row >= 2000 { sign = 1 }
                if Bool.random(using: &r) { return .float64(sign * Double(Int.random(in: 0...4000, using: &r)) / 8) }
                return .float64(sign * pow(10, Double.random(in: -300...300, using: &r)))
            },
            column(nullEvery: 5, words.map { .string($0) }) { row, r in
                row < rowCount / 2
                    ? .string(words.randomElement(using: &r)!)
                    : .string("label-\(Int.random(in: 0..<1_000_000, using: &r))-\(words.randomElement(using: &r)!)")
            },
            column(nullEvery: 19, [[], [0], [0xFF, 0x00, 0x80]].map { .binary($0) }) { row, r in
                // One value longer than a page and than the 4 KiB statistics limit.
                if row == rowCount * 5 / 6 { return .binary([UInt8](repeating: 0xFF, count: 5000)) }
                return .binary((0..<Int.random(in: 0...12, using: &r)).map { _ in UInt8.random(in: 0...255, using: &r) })
            },
            // 0001-01-01, 1900-01-01, the day before the epoch, the epoch, 9999-12-31, year 10183.
            column(nullEvery: 23, [-719_162, -25_567, -1, 0, 2_932_896, 3_000_000].map { .date($0) }) { _, r in
                .date(Int32.random(in: -40_000...40_000, using: &r))
            },
            column(nullEvery: 29, [-1, 0, 1, -62_135_596_800_000_000, 253_402_300_799_999_999, -1_000_000_000_001]
                .map { .timestamp($0) }) { _, r in
                .timestamp(Int64.random(in: -(1 << 50)...(1 << 50), using: &r))
            },
            column(nullEvery: 31, SampleTable.decimalSpecials(precision: 9, scale: 2)) { _, r in
                SampleTable.randomDecimal(precision: 9, scale: 2, &r)
            },
            column(nullEvery: 37, SampleTable.decimalSpecials(precision: 18, scale: 4)) { _, r in
                SampleTable.randomDecimal(precision: 18, scale: 4, &r)
            },
            column(nullEvery: 41, SampleTable.decimalSpecials(precision: 38, scale: 10)) { _, r in
                SampleTable.randomDecimal(precision: 38, scale: 10, &r)
            },
            column(nullEvery: 1, []) { _, _ in .null },
            column(nullEvery: nil, []) { row, _ in .int64(Int64(row)) },
            column(nullEvery: nil, []) { row, _ in .string("C" + String(1000 + row % 97).dropFirst()) },
            column(nullEvery: nil, []) { row, _ in .boolean(row % 3 == 0) },
            column(nullEvery: nil, SampleTable.decimalSpecials(precision: 38, scale: 10)) { _, r in
                SampleTable.randomDecimal(precision: 38, scale: 10, &r)
            },
        ]
    }

    /// The largest and smallest values of the type, zero and plus or minus one unit.
    private static func decimalSpecials(precision: Int, scale: Int) -> [Value] {
        let largest = Decimal128.powerOfTen(precision) - 1
        return [largest, -largest, 0, -1, 1].map { .decimal($0, scale: scale) }
    }

    /// A decimal with a random number of digits, so small and large magnitudes both occur.
    private static func randomDecimal(precision: Int, scale: Int, _ random: inout SeededRandomGenerator) -> Value {
        let digitCount = Int.random(in: 1...precision, using: &random)
        let bound = Decimal128.powerOfTen(digitCount) - 1
        return .decimal(Int128.random(in: -bound...bound, using: &random), scale: scale)
    }

    /// The rows as batches of varying sizes, so row group and page boundaries fall inside batches.
    /// Batches stay small because the writer checks the page size once per batch it is given
    /// (or per 4096 rows), so small batches are what makes small pages.
    func batches() throws -> [RecordBatch] {
        let batchRowCounts = [300, 1, 257, 64, 128]
        var batches: [RecordBatch] = []
        var start = 0
        var index = 0
        while start < rowCount {
            let end = min(rowCount, start + batchRowCounts[index % batchRowCounts.count])
            let sliced = try zip(SampleTable.schema.fields, columns).map { field, values in
                try Column(type: field.type, Array(values[start..<end]))
            }
            batches.append(RecordBatch(schema: SampleTable.schema, columns: sliced))
            start = end
            index += 1
        }
        return batches
    }

    /// Canonical texts of column `column`, rows `rows`.
    func texts(column: Int, rows: Range<Int>? = nil) -> [String?] {
        columns[column][rows ?? 0..<rowCount].map(CanonicalText.text)
    }

    /// Null count, min and max of column `column` over `rows`, as a Parquet writer must state
    /// them: NaN left out of the bounds, a zero minimum written as -0.0 and a zero maximum as
    /// +0.0 (the specification's rule, since readers cannot tell the two zeros apart in a
    /// comparison), strings and binary in unsigned byte order.
    func statistics(column: Int, rows: Range<Int>) -> (nullCount: Int64, min: String?, max: String?) {
        var nullCount: Int64 = 0
        var low: Value?
        var high: Value?
        for value in columns[column][rows] {
            if value.isNull {
                nullCount += 1
                continue
            }
            if case .float64(let number) = value, number.isNaN { continue }
            if low == nil || value.compare(to: low!)! < 0 { low = value }
            if high == nil || value.compare(to: high!)! > 0 { high = value }
        }
        if case .float64(let number)? = low, number == 0 { low = .float64(-0.0) }
        if case .float64(let number)? = high, number == 0 { high = .float64(0.0) }
        // Sluice, like parquet-cpp, leaves out byte array bounds longer than 4 KiB.
        if let low, let high, [low, high].contains(where: { SampleTable.byteCount($0) > 4096 }) {
            return (nullCount, nil, nil)
        }
        return (nullCount, low.flatMap(CanonicalText.text), high.flatMap(CanonicalText.text))
    }

    private static func byteCount(_ value: Value) -> Int {
        switch value {
        case .string(let text): text.utf8.count
        case .binary(let bytes): bytes.count
        default: 0
        }
    }
}
