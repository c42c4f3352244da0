import Parquet
import SluiceCore
import Warehouse

/// What a scan's filters say about the statistics of the data they can match: used to skip
/// files and row groups before reading them. The filters are still applied to every row read;
/// pruning only has to be conservative (never skip data a filter could keep).
///
/// Each filter (a conjunct) that has the shape `column op literal`, `column BETWEEN literal
/// AND literal`, `column IN (literals)`, `column IS NULL`, or an OR of such shapes, becomes a
/// clause; a file or row group is read only when every clause may match it. Filters of other
/// shapes prune nothing.
///
/// Threading: immutable.
struct ScanPruning: Sendable, CustomStringConvertible {
    /// A clause holds when any of its alternatives may match; an alternative is a conjunction
    /// of simple comparisons (a BETWEEN is two), or a column that must hold a null.
    struct Alternative: Sendable {
        var comparisons: [ColumnPredicate] = []
        var nullColumn: String?
    }

    /// Each clause is a list of alternatives; every clause must hold.
    private(set) var clauses: [[Alternative]] = []

    /// - Parameters:
    ///   - filters: BOOLEAN predicates over the scan's output columns, by position.
    ///   - fields: the scan's output columns (names as the files and statistics know them).
    init(filters: [PhysicalExpression], fields: [Field]) {
        for filter in filters {
            for conjunct in ScanPruning.conjuncts(of: filter) {
                if let alternatives = ScanPruning.alternatives(of: conjunct, fields: fields) { clauses.append(alternatives) }
            }
        }
    }

    var isEmpty: Bool { clauses.isEmpty }

    /// Whether row group `index` of `reader` may hold rows every filter keeps.
    /// - Parameter leafIndices: the column chunk position of each flat column name in the file.
    func rowGroupMayMatch(_ reader: ParquetReader, _ index: Int, leafIndices: [String: Int]) -> Bool {
        clauses.allSatisfy { alternatives in
            alternatives.contains { alternative in
                if let column = alternative.nullColumn {
                    guard let leaf = leafIndices[column],
                          let nullCount = reader.metadata.rowGroups[index].columns[leaf].metaData?.statistics?.nullCount
                    else { return true }
                    return nullCount > 0
                }
                return reader.rowGroupMayMatch(index, alternative.comparisons)
            }
        }
    }

    /// Whether a warehouse data file may hold rows every filter keeps, from its partition
    /// values and statistics.
    func fileMayMatch(_ file: AddFile, in snapshot: Snapshot) -> Bool {
        clauses.allSatisfy { alternatives in
            alternatives.contains { alternative in
                if let column = alternative.nullColumn {
                    if snapshot.partitionColumns.contains(column) {
                        return (file.partitionValues[column] ?? nil).map(\.isEmpty) ?? true
                    }
                    guard let nullCount = snapshot.statistics(of: file)?.ranges[column]?.nullCount else { return true }
                    return nullCount > 0
                }
                return snapshot.fileMayMatch(file, alternative.comparisons)
            }
        }
    }

    var description: String {
        clauses.map { alternatives in
            let texts = alternatives.map { alternative in
                alternative.nullColumn.map { "\($0) IS NULL" } ?? alternative.comparisons.map(\.description).joined(separator: " AND ")
            }
            return texts.count == 1 ? texts[0] : "(" + texts.joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }

    // MARK: - Conversion

    private static func conjuncts(of expression: PhysicalExpression) -> [PhysicalExpression] {
        if case .and(let operands) = expression { return operands.flatMap(conjuncts) }
        return [expression]
    }

    /// The alternatives an expression allows, or nil when it cannot be judged from statistics.
    private static func alternatives(of expression: PhysicalExpression, fields: [Field]) -> [Alternative]? {
        switch expression {
        case .or(let operands):
            var all: [Alternative] = []
            for operand in operands {
                guard let some = alternatives(of: operand, fields: fields) else { return nil }
                all += some
            }
            return all
        case .and(let operands):
            // An AND inside an OR: a conjunction of comparisons is one alternative.
            var combined = Alternative()
            for operand in operands {
                guard let some = alternatives(of: operand, fields: fields), some.count == 1, some[0].nullColumn == nil else { continue }
                combined.comparisons += some[0].comparisons
            }
            return combined.comparisons.isEmpty ? nil : [combined]
        case .comparison(let op, let left, let right):
            if let column = column(left, fields), let literal = right.literalValue,
               let predicate = comparison(column, op, literal, right.type) {
                return [Alternative(comparisons: [predicate])]
            }
            if let column = column(right, fields), let literal = left.literalValue,
               let predicate = comparison(column, op.flipped, literal, left.type) {
                return [Alternative(comparisons: [predicate])]
            }
            return nil
        case .between(let value, let low, let high, negated: false):
            guard let column = column(value, fields), let lowValue = low.literalValue, let highValue = high.literalValue,
                  let lower = comparison(column, .greaterOrEqual, lowValue, low.type),
                  let upper = comparison(column, .lessOrEqual, highValue, high.type) else { return nil }
            return [Alternative(comparisons: [lower, upper])]
        case .inList(let value, let list, negated: false):
            guard let column = column(value, fields), !list.isEmpty else { return nil }
            var all: [Alternative] = []
            for item in list {
                guard let literal = item.literalValue else { return nil }
                // A NULL item matches nothing; it cannot make a row group match.
                if literal.isNull { continue }
                guard let predicate = comparison(column, .equal, literal, item.type) else { return nil }
                all.append(Alternative(comparisons: [predicate]))
            }
            return all
        case .isNull(let value, negated: false):
            guard let column = column(value, fields) else { return nil }
            return [Alternative(nullColumn: column.name)]
        default:
            return nil
        }
    }

    /// The scanned column an operand reads, looking through casts that keep the order of
    /// integer values (INT32 to INT64 or DECIMAL, INT64 to DECIMAL).
    private static func column(_ expression: PhysicalExpression, _ fields: [Field]) -> Field? {
        switch expression {
        case .column(let index, _, _):
            return index >= 0 && index < fields.count ? fields[index] : nil
        case .cast(let operand, let type):
            guard let field = column(operand, fields) else { return nil }
            switch (field.type, type) {
            case (.int32, .int64), (.int32, .decimal), (.int64, .decimal): return field
            default: return nil
            }
        default:
            return nil
        }
    }

    /// `column op literal` when the literal is exactly a value of the column's type (so the
    /// comparison in the column's type orders rows as the filter does).
    private static func comparison(_ field: Field, _ op: ComparisonOperator, _ literal: Value,
                                   _ literalType: DataType) -> ColumnPredicate? {
        guard !literal.isNull else { return nil }
        // Statistics leave NaN out, and NaN sorts above every number: a row group whose max is
        // below the literal may still hold a NaN that `>` keeps.
        if field.type == .float64, op != .equal, op != .less, op != .lessOrEqual { return nil }
        guard let converted = exactly(literal, of: literalType, as: field.type) else { return nil }
        let columnOperator: ColumnPredicate.Operator
        switch op {
        case .equal: columnOperator = .equal
        case .notEqual: columnOperator = .notEqual
        case .less: columnOperator = .less
        case .lessOrEqual: columnOperator = .lessOrEqual
        case .greater: columnOperator = .greater
        case .greaterOrEqual: columnOperator = .greaterOrEqual
        }
        return ColumnPredicate(column: field.name, columnOperator, converted)
    }

    /// `literal` (of `literalType`) as a value of `type` when that changes nothing (no
    /// rounding, no truncation).
    static func exactly(_ literal: Value, of literalType: DataType, as type: DataType) -> Value? {
        guard let normalized = literal.converted(to: literalType), !normalized.isNull,
              let converted = normalized.converted(to: type), !converted.isNull else { return nil }
        if let order = converted.compare(to: normalized) { return order == 0 ? converted : nil }
        if let back = converted.converted(to: literalType), let order = back.compare(to: normalized) {
            return order == 0 ? converted : nil
        }
        // Numbers of different kinds: compare as wide decimals.
        guard let normalizedScale = normalized.decimalScale, let convertedScale = converted.decimalScale else { return nil }
        let scale = max(normalizedScale, convertedScale)
        guard let wideLiteral = normalized.converted(to: .decimal(precision: 38, scale: scale)),
              let wideConverted = converted.converted(to: .decimal(precision: 38, scale: scale)),
              let order = wideLiteral.compare(to: wideConverted) else { return nil }
        return order == 0 ? converted : nil
    }
}

private extension Value {
    var decimalScale: Int? {
        switch self {
        case .decimal(_, let scale): scale
        case .int32, .int64: 0
        default: nil
        }
    }
}
