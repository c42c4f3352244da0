import SQL
import SluiceCore

/// Compares a Sluice result with DuckDB's answer to the same query and lists every difference
/// as a sentence naming the query, row and column.
///
/// Numbers (integers, decimals, doubles, on either side) compare as doubles within a relative
/// tolerance of `relativeToleranceNumbers`, so a decimal sum and a double sum of the same values
/// agree; dates and timestamps compare as days and microseconds since the epoch; text and
/// booleans compare exactly, byte for byte. Rows compare in order when the query orders them
/// and as sorted lists otherwise. Column names compare only where DuckDB's name is a plain
/// identifier (an alias or a column): the display name of an unaliased expression such as
/// `sum(l_quantity)` is not part of the contract.
struct TPCHResultComparison {
    static let relativeToleranceNumbers = 1e-9
    /// Differences reported per query beyond which only the count is given.
    static let reportedDifferenceCountMax = 10

    let queryName: String
    let expected: TPCHAnswer
    let isOrdered: Bool

    /// The differences between `actual` and the expected answer; empty when they agree.
    func differences(_ actual: QueryResult) -> [String] {
        var found: [String] = []
        let expectedColumnCount = expected.columns.count
        guard actual.schema.count == expectedColumnCount else {
            return ["\(queryName): \(actual.schema.count) columns \(actual.schema.fields.map(\.name)), expected \(expectedColumnCount) \(expected.columns)"]
        }
        for (index, name) in expected.columns.enumerated()
        where TPCHResultComparison.isPlainIdentifier(name) && actual.schema.fields[index].name != name {
            found.append("\(queryName) column \(index + 1): named \(actual.schema.fields[index].name.debugDescription), expected \(name.debugDescription)")
        }
        let batch = actual.combined
        var actualRows: [[Value]] = (0..<batch.rowCount).map { row in batch.columns.map { $0[row] } }
        var expectedRows = expected.rows
        if actualRows.count != expectedRows.count {
            found.append("\(queryName): \(actualRows.count) rows, expected \(expectedRows.count)")
        }
        if !isOrdered {
            actualRows.sort { TPCHResultComparison.precedes(sortKey(of: $0), sortKey(of: $1)) }
            expectedRows.sort { TPCHResultComparison.precedes(sortKey(of: $0), sortKey(of: $1)) }
        }
        var differenceCount = 0
        for row in 0..<min(actualRows.count, expectedRows.count) {
            for column in 0..<expectedColumnCount {
                let kind = expected.kinds[column]
                let got = actualRows[row][column], want = expectedRows[row][column]
                guard !TPCHResultComparison.matches(got, want, kind: kind) else { continue }
                differenceCount += 1
                if differenceCount <= TPCHResultComparison.reportedDifferenceCountMax {
                    found.append("\(queryName) row \(row + 1) column \(expected.columns[column]): got \(TPCHResultComparison.show(got)), "
                        + "expected \(TPCHResultComparison.show(want, kind: kind)) (DuckDB \(expected.types[column]))")
                }
            }
        }
        if differenceCount > TPCHResultComparison.reportedDifferenceCountMax {
            found.append("\(queryName): \(differenceCount) values differ in all, the first \(TPCHResultComparison.reportedDifferenceCountMax) shown")
        }
        return found
    }

    // MARK: - Values

    static func matches(_ actual: Value, _ expected: String?, kind: TPCHAnswer.Kind) -> Bool {
        guard let expected else { return actual.isNull }
        switch kind {
        case .number:
            guard let got = number(actual), let want = Double(expected) else { return false }
            return got == want || abs(got - want) <= relativeToleranceNumbers * max(abs(got), abs(want))
        case .date:
            if case .date(let days) = actual { return String(days) == expected }
            return false
        case .timestamp:
            if case .timestamp(let micros) = actual { return String(micros) == expected }
            return false
        case .boolean, .text:
            return ValueComparison.sameBytes(CanonicalText.text(actual), expected)
        }
    }

    static func number(_ value: Value) -> Double? {
        switch value {
        case .int32(let value): Double(value)
        case .int64(let value): Double(value)
        case .float64(let value): value
        case .decimal(let unscaled, let scale): Double(unscaled) / pow10(scale)
        default: nil
        }
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    private static func show(_ value: Value) -> String {
        switch value {
        case .null: "NULL"
        case .string(let text): text.debugDescription
        default: "\(value) (\(typeName(value)))"
        }
    }

    private static func show(_ text: String?, kind: TPCHAnswer.Kind) -> String {
        guard let text else { return "NULL" }
        switch kind {
        case .date: return Int32(text).map { CivilTime.formatDate(days: $0) } ?? text
        case .timestamp: return Int64(text).map { CivilTime.formatTimestamp(micros: $0) } ?? text
        case .text: return text.debugDescription
        case .number, .boolean: return text
        }
    }

    private static func typeName(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .boolean: "boolean"
        case .int32: "int32"
        case .int64: "int64"
        case .float64: "float64"
        case .string: "string"
        case .binary: "binary"
        case .date: "date"
        case .timestamp: "timestamp"
        case .decimal(_, let scale): "decimal scale \(scale)"
        }
    }

    // MARK: - Order of unordered results

    /// One cell as a sort key: numbers by value (so both sides sort alike despite different
    /// digits), everything else by its canonical text; NULL first.
    enum SortCell {
        case null
        case number(Double)
        case text(String)
    }

    private func sortKey(of row: [Value]) -> [SortCell] {
        zip(row, expected.kinds).map { value, kind in
            if value.isNull { return .null }
            if kind == .number, let number = TPCHResultComparison.number(value) { return .number(number) }
            return CanonicalText.text(value).map(SortCell.text) ?? .null
        }
    }

    private func sortKey(of row: [String?]) -> [SortCell] {
        zip(row, expected.kinds).map { text, kind in
            guard let text else { return .null }
            if kind == .number, let number = Double(text) { return .number(number) }
            return .text(text)
        }
    }

    static func precedes(_ left: [SortCell], _ right: [SortCell]) -> Bool {
        for (a, b) in zip(left, right) {
            switch (a, b) {
            case (.null, .null): continue
            case (.null, _): return true
            case (_, .null): return false
            case (.number(let x), .number(let y)) where x != y: return x < y
            case (.text(let x), .text(let y)) where x != y: return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
            case (.number, .text): return true
            case (.text, .number): return false
            default: continue
            }
        }
        return false
    }
}
