import SluiceCore
@testable import SQL

/// Random batches and random well-typed expressions over them, for cross-checking the
/// vectorized evaluator against `ReferenceEvaluator`. Deterministic for a seed.
struct RandomExpressionGenerator {
    var random: SeededRandomGenerator
    let batch: RecordBatch

    static let schema = Schema([
        Field("a", .int32), Field("b", .int64), Field("c", .float64),
        Field("d", .decimal(precision: 15, scale: 2)), Field("e", .decimal(precision: 25, scale: 3)),
        Field("s", .string), Field("n", .string), Field("t", .date), Field("f", .boolean), Field("ts", .timestamp),
    ])

    static let words = ["", "abc", "ABC", "green", "forest green", "PROMO BRUSHED", "é", "naïve café", "日本語", "x Customer y Complaints",
                        "  pad  ", "100%", "a_b", "xx"]
    static let numbers = ["12", "-5", " 7 ", "0", "abc", "3000000000", "+8", "99", "2.5", "-0.5", "1e2", "1.49"]
    static let patterns = ["%green%", "PROMO%", "%Customer%Complaints%", "forest%", "_", "%_", "a\\_b", "100\\%", "%é%", "___", "%", "", "x%x",
                           "%a%c%"]

    init(seed: UInt64) {
        var random = SeededRandomGenerator(seed: seed)
        let rowCount = Int.random(in: 1...160, using: &random)
        func column(_ make: (inout SeededRandomGenerator) -> Value) -> [Value] {
            (0..<rowCount).map { _ in random.chance(1, in: 8) ? .null : make(&random) }
        }
        let values: [[Value]] = [
            column { r in .int32(r.chance(1, in: 40) ? [Int32.max, Int32.min][Int.random(in: 0...1, using: &r)] : Int32.random(in: -100...100, using: &r)) },
            column { r in .int64(r.chance(1, in: 40) ? 1 << 40 : Int64.random(in: -1_000_000...1_000_000, using: &r)) },
            column { r in r.chance(1, in: 30) ? .float64(.nan) : .float64(Double(Int.random(in: -4000...4000, using: &r)) / 4) },
            column { r in .decimal(Int128(Int64.random(in: -100_000_000...100_000_000, using: &r)), scale: 2) },
            column { r in .decimal(Int128(Int64.random(in: -1_000_000_000_000_000...1_000_000_000_000_000, using: &r)), scale: 3) },
            column { r in .string(RandomExpressionGenerator.words.randomElement(using: &r)!) },
            column { r in .string(RandomExpressionGenerator.numbers.randomElement(using: &r)!) },
            column { r in
                // A quarter of the dates sit at month ends, where month arithmetic clamps.
                guard r.chance(1, in: 4) else { return .date(Int32.random(in: -30_000...30_000, using: &r)) }
                let month = Int.random(in: 1...12, using: &r)
                return .date(CivilTime.days(year: 2024, month: month, day: CivilTime.daysInMonth(year: 2024, month: month) - Int.random(in: 0...2, using: &r))!)
            },
            column { r in .boolean(Bool.random(using: &r)) },
            column { r in .timestamp(Int64.random(in: -1_000_000_000_000_000...2_000_000_000_000_000, using: &r)) },
        ]
        let columns = zip(RandomExpressionGenerator.schema.fields, values).map { field, values in try! Column(type: field.type, values) }
        self.random = random
        self.batch = RecordBatch(schema: RandomExpressionGenerator.schema, columns: columns)
    }

    private func column(_ name: String) -> PhysicalExpression {
        let index = batch.schema.index(of: name)!
        return .column(index: index, type: batch.schema.fields[index].type, name: name)
    }

    private mutating func chance(_ numerator: Int, in denominator: Int) -> Bool { random.chance(numerator, in: denominator) }
    private mutating func pick<T>(_ options: [T]) -> T { options.randomElement(using: &random)! }

    // MARK: - Numbers

    mutating func numeric(_ depth: Int) -> PhysicalExpression {
        if depth <= 0 || chance(1, in: 4) { return numericLeaf() }
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1, 2:
            let op = pick(ArithmeticOperator.allCases)
            let (left, right) = (numeric(depth - 1), numeric(depth - 1))
            guard let resultType = TypeCoercion.arithmeticResultType(op, left.type, right.type), resultType.decimalScale <= 12 else { return left }
            return .arithmetic(op, left, right, resultType: resultType)
        case 3:
            return .cast(numeric(depth - 1), to: pick([.int32, .int64, .float64, .decimal(precision: 18, scale: 2),
                                                      .decimal(precision: 10, scale: 0), .decimal(precision: 30, scale: 4)]))
        case 4:
            let argument = numeric(depth - 1)
            let function = pick([ScalarFunction.abs, .floor, .ceil, .round, .round])
            let arguments = function == .round && chance(2, in: 3) ? [argument, .literal(.int32(Int32.random(in: -2...3, using: &random)), .int32)] : [argument]
            return .function(function, arguments, resultType: function.resultType(for: arguments)!)
        case 5:
            let (first, second) = (numeric(depth - 1), numeric(depth - 1))
            if chance(1, in: 2), let type = TypeCoercion.commonSupertype([first.type, second.type]),
               castsSafely(first.type, type), castsSafely(second.type, type) {
                return .function(.coalesce, [first, second], resultType: type)
            }
            if comparable(first, second) { return .function(.nullIf, [first, second], resultType: first.type) }
            return first
        case 6:
            let branches = (0..<Int.random(in: 1...2, using: &random)).map { _ in CaseBranch(when: boolean(depth - 1), then: numeric(depth - 1)) }
            let otherwise = chance(2, in: 3) ? numeric(depth - 1) : nil
            let types = branches.map(\.then.type) + (otherwise.map { [$0.type] } ?? [])
            guard let type = TypeCoercion.commonSupertype(types), types.allSatisfy({ castsSafely($0, type) }) else { return branches[0].then }
            return .caseWhen(operand: nil, branches: branches, otherwise: otherwise, resultType: type)
        case 7:
            return .function(.extract(pick(DatePart.allCases)), [date(depth - 1)], resultType: .int64)
        case 8:
            return .function(.length, [string(depth - 1)], resultType: .int64)
        default:
            return .cast(column("n"), to: pick([.int32, .int64]))
        }
    }

    private mutating func numericLeaf() -> PhysicalExpression {
        switch Int.random(in: 0..<12, using: &random) {
        case 0...5: return column(pick(["a", "b", "c", "d", "e"]))
        case 6: return .literal(.int32(Int32.random(in: -100...100, using: &random)), .int32)
        case 7: return .literal(.int64(Int64.random(in: -1_000_000...1_000_000, using: &random)), .int64)
        case 8: return .literal(.float64(Double(Int.random(in: -400...400, using: &random)) / 4), .float64)
        case 9: return .literal(.decimal(Int128(Int.random(in: -99_999...99_999, using: &random)), scale: 2), .decimal(precision: 5, scale: 2))
        case 10: return .literal(.decimal(Int128(Int.random(in: -999...999, using: &random)), scale: 0), .decimal(precision: 3, scale: 0))
        default: return .literal(.null, pick([DataType.int32, .int64, .float64, .decimal(precision: 15, scale: 2)]))
        }
    }

    private func castsSafely(_ from: DataType, _ to: DataType) -> Bool {
        ExpressionEvaluator.castAlwaysSucceeds(from: from, to: to)
    }

    /// Whether comparing the two can never fail on a conversion.
    private func comparable(_ left: PhysicalExpression, _ right: PhysicalExpression) -> Bool {
        guard let common = TypeCoercion.comparisonType(left.type, right.type) else { return false }
        return castsSafely(left.type, common) && castsSafely(right.type, common)
    }

    // MARK: - Booleans

    mutating func boolean(_ depth: Int) -> PhysicalExpression {
        if depth <= 0 || chance(1, in: 5) {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return column("f")
            case 1: return .literal(chance(1, in: 4) ? .null : .boolean(Bool.random(using: &random)), .boolean)
            default: return comparisonLeaf()
            }
        }
        switch Int.random(in: 0..<11, using: &random) {
        case 0, 1:
            let (left, right) = (numeric(depth - 1), numeric(depth - 1))
            return comparable(left, right) ? .comparison(pick(ComparisonOperator.allCases), left, right) : comparisonLeaf()
        case 2:
            return .and((0..<Int.random(in: 2...3, using: &random)).map { _ in boolean(depth - 1) })
        case 3:
            return .or((0..<Int.random(in: 2...3, using: &random)).map { _ in boolean(depth - 1) })
        case 4:
            return .not(boolean(depth - 1))
        case 5:
            return .isNull(chance(1, in: 2) ? numeric(depth - 1) : string(depth - 1), negated: Bool.random(using: &random))
        case 6:
            let subject = column(pick(["a", "b", "d", "c"]))
            let (low, high) = (numericLeaf(), numericLeaf())
            guard comparable(subject, low), comparable(subject, high) else { return comparisonLeaf() }
            return .between(subject, low: low, high: high, negated: Bool.random(using: &random))
        case 7:
            return inList(depth)
        case 8:
            let subject = chance(2, in: 3) ? column("s") : string(depth - 1)
            let pattern = pick(RandomExpressionGenerator.patterns)
            return .like(subject, pattern: .literal(.string(pattern), .string), escape: pattern.contains("\\") ? "\\" : nil,
                         negated: Bool.random(using: &random))
        case 9:
            return .comparison(pick(ComparisonOperator.allCases), date(depth - 1), date(0))
        default:
            return .comparison(pick(ComparisonOperator.allCases), string(depth - 1), .literal(.string(pick(RandomExpressionGenerator.words)), .string))
        }
    }

    private mutating func comparisonLeaf() -> PhysicalExpression {
        let (left, right) = (numericLeaf(), numericLeaf())
        guard comparable(left, right) else { return .comparison(.less, column("a"), .literal(.int32(10), .int32)) }
        return .comparison(pick(ComparisonOperator.allCases), left, right)
    }

    private mutating func inList(_ depth: Int) -> PhysicalExpression {
        let negated = Bool.random(using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            var items: [PhysicalExpression] = (0..<Int.random(in: 1...12, using: &random)).map { _ in .literal(.int32(Int32.random(in: -20...20, using: &random)), .int32) }
            if chance(1, in: 3) { items.append(.literal(.null, .int32)) }
            return .inList(column("a"), items, negated: negated)
        case 1:
            let items: [PhysicalExpression] = (0..<Int.random(in: 1...4, using: &random)).map { _ in .literal(.string(pick(RandomExpressionGenerator.words)), .string) }
            return .inList(column("s"), items, negated: negated)
        case 2:
            let items: [PhysicalExpression] = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                .literal(.decimal(Int128(Int.random(in: -500...500, using: &random)), scale: 2), .decimal(precision: 5, scale: 2))
            }
            return .inList(column(pick(["d", "a", "c"])), items, negated: negated)
        default:
            let subject = column(pick(["a", "b"]))
            let items = (0..<Int.random(in: 1...3, using: &random)).map { _ in numeric(depth - 1) }.filter { comparable(subject, $0) }
            return items.isEmpty ? .inList(subject, [.literal(.int32(0), .int32)], negated: negated) : .inList(subject, items, negated: negated)
        }
    }

    // MARK: - Text and dates

    mutating func string(_ depth: Int) -> PhysicalExpression {
        if depth <= 0 || chance(1, in: 4) {
            return chance(3, in: 4) ? column("s") : .literal(chance(1, in: 6) ? .null : .string(pick(RandomExpressionGenerator.words)), .string)
        }
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return .function(pick([.lower, .upper, .trim, .leftTrim, .rightTrim]), [string(depth - 1)], resultType: .string)
        case 1:
            let start = PhysicalExpression.literal(.int64(Int64.random(in: -4...6, using: &random)), .int64)
            let arguments = chance(1, in: 2) ? [string(depth - 1), start] : [string(depth - 1), start, .literal(.int32(Int32.random(in: -3...5, using: &random)), .int32)]
            return .function(.substring, arguments, resultType: .string)
        case 2: return .function(.concat, [string(depth - 1), string(depth - 1)], resultType: .string)
        case 3: return .function(.concatOperator, [string(depth - 1), string(depth - 1)], resultType: .string)
        case 4: return .cast(chance(1, in: 2) ? numeric(depth - 1) : date(depth - 1), to: .string)
        case 5: return .function(.trim, [string(depth - 1), .literal(.string(pick(["x", " a", "é "])), .string)], resultType: .string)
        case 6:
            let branch = CaseBranch(when: boolean(depth - 1), then: string(depth - 1))
            return .caseWhen(operand: nil, branches: [branch], otherwise: chance(1, in: 2) ? string(depth - 1) : nil, resultType: .string)
        default: return .function(.coalesce, [string(depth - 1), string(depth - 1)], resultType: .string)
        }
    }

    mutating func date(_ depth: Int) -> PhysicalExpression {
        if depth <= 0 || chance(1, in: 3) {
            return chance(3, in: 4) ? column("t") : .literal(.date(Int32.random(in: -20_000...20_000, using: &random)), .date)
        }
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return .function(.dateAddDays, [date(depth - 1), .literal(.int32(Int32.random(in: -400...400, using: &random)), .int32)], resultType: .date)
        case 1: return .function(.dateAddMonths, [date(depth - 1), .literal(.int64(Int64.random(in: -30...30, using: &random)), .int64)], resultType: .date)
        case 2: return .function(.dateAddMonths, [date(depth - 1), column("a")], resultType: .date)
        case 3: return .arithmetic(pick([.add, .subtract]), date(depth - 1), .literal(.int32(Int32.random(in: -90...90, using: &random)), .int32), resultType: .date)
        default: return .cast(column("ts"), to: .date)
        }
    }
}
