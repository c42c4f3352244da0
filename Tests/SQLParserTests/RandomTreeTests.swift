import Testing
@testable import SQLParser
import SluiceCore

/// Trees built in code, as the optimizer will build them for EXPLAIN, must print as SQL that
/// parses back to the same tree: the printer adds every parenthesis precedence requires.
@Suite struct RandomTreeTests {
    @Test func randomExpressionsPrintAndParseBack() throws {
        for seed in UInt64(0)..<1500 {
            var generator = TreeGenerator(seed: seed)
            let expression = generator.expression(depth: 4)
            let printed = expression.description
            do {
                let reparsed = try Parser.parseExpression(printed)
                #expect(reparsed == expression, "seed \(seed): \(printed)\nreads back as \(reparsed)")
            } catch {
                Issue.record("seed \(seed): \(error)\n\(printed)")
            }
        }
    }

    @Test func randomQueriesPrintAndParseBack() throws {
        for seed in UInt64(0)..<800 {
            var generator = TreeGenerator(seed: seed &+ 7_000_000)
            let query = generator.query(depth: 3)
            let printed = query.description
            do {
                let reparsed = try Parser.parseQuery(printed)
                #expect(reparsed == query, "seed \(seed): \(printed)\nreads back as \(reparsed)")
            } catch {
                Issue.record("seed \(seed): \(error)\n\(printed)")
            }
        }
    }
}

/// Random syntax trees of every node kind, with awkward names and literals.
private struct TreeGenerator {
    var random: SeededRandomGenerator

    init(seed: UInt64) {
        random = SeededRandomGenerator(seed: seed)
    }

    static let names = ["a", "b", "l_tax", "date", "year", "interval", "version", "unbounded", "current", "nulls",
                        "select", "from", "Mixed", "with space", "quote\"d", "über"]
    static let functions = ["f", "sum", "count", "coalesce", "left", "row_number"]
    static let types = [DataTypeName("integer"), DataTypeName("decimal", parameters: [15, 2]), DataTypeName("varchar", parameters: [3]),
                        DataTypeName("double precision"), DataTypeName("date")]
    static let binaryOperators: [BinaryOperator] = [.or, .and, .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual,
                                                    .isDistinctFrom, .isNotDistinctFrom, .concat, .add, .subtract, .multiply, .divide, .modulo]

    mutating func pick<T>(_ options: [T]) -> T {
        options.randomElement(using: &random)!
    }

    mutating func flip() -> Bool {
        random.chance(1, in: 2)
    }

    mutating func identifier() -> Identifier {
        Identifier(pick(Self.names))
    }

    mutating func literal() -> Literal {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return .integer(pick(["0", "7", "123456789012345678901"]))
        case 1: return .decimal(pick(["0.05", ".5", "7."]))
        case 2: return .float(pick(["1e3", "2.5E-3"]))
        case 3: return .string(pick(["", "it's", "a\nb", "ü"]))
        case 4: return .boolean(flip())
        case 5: return .null
        case 6: return .date("1998-12-01")
        case 7: return .timestamp("2024-01-01 00:00:00")
        case 8: return .interval(IntervalLiteral(value: "90", unit: pick([.day, .month, .year, .dayOfWeek])))
        default: return .interval(IntervalLiteral(value: "1 day", unit: nil))
        }
    }

    mutating func expression(depth: Int) -> Expression {
        if depth == 0 {
            switch Int.random(in: 0..<3, using: &random) {
            case 0: return .literal(literal(), .unknown)
            case 1: return .parameter(Parameter(index: Int.random(in: 1...9, using: &random), style: .numbered))
            default: return .column(QualifiedName(flip() ? [identifier()] : [identifier(), identifier()]))
            }
        }
        let next = depth - 1
        switch Int.random(in: 0..<16, using: &random) {
        case 0: return .unary(pick([.not, .minus, .plus]), expression(depth: next), .unknown)
        case 1, 2, 3: return .binary(pick(Self.binaryOperators), expression(depth: next), expression(depth: next), .unknown)
        case 4: return .isNull(expression(depth: next), negated: flip(), .unknown)
        case 5: return .between(expression(depth: next), low: expression(depth: next), high: expression(depth: next), negated: flip(), .unknown)
        case 6: return .inList(expression(depth: next), (0..<Int.random(in: 1...3, using: &random)).map { _ in expression(depth: next) }, negated: flip(), .unknown)
        case 7: return .inSubquery(expression(depth: next), query(depth: 0), negated: flip(), .unknown)
        case 8:
            let escape: Expression? = flip() ? expression(depth: next) : nil
            return .like(expression(depth: next), pattern: expression(depth: next), escape: escape, caseInsensitive: flip(), negated: flip(), .unknown)
        case 9: return .exists(query(depth: 0), .unknown)
        case 10: return .subquery(query(depth: 0), .unknown)
        case 11: return .function(call(depth: next))
        case 12: return .cast(expression(depth: next), pick(Self.types), .unknown)
        case 13:
            let branches = (0..<Int.random(in: 1...2, using: &random)).map { _ in
                CaseExpression.Branch(condition: expression(depth: next), result: expression(depth: next))
            }
            return .caseWhen(CaseExpression(operand: flip() ? expression(depth: next) : nil, branches: branches,
                                            elseResult: flip() ? expression(depth: next) : nil))
        case 14: return .extract(pick([.year, .month, .day, .epoch]), expression(depth: next), .unknown)
        default: return .literal(literal(), .unknown)
        }
    }

    mutating func call(depth: Int) -> FunctionCall {
        var call = FunctionCall(name: QualifiedName([Identifier(pick(Self.functions))]), arguments: [])
        if random.chance(1, in: 4) {
            call.hasStarArgument = true
        } else {
            call.arguments = (0..<Int.random(in: 0...3, using: &random)).map { _ in expression(depth: depth) }
            call.isDistinct = !call.arguments.isEmpty && random.chance(1, in: 4)
        }
        if random.chance(1, in: 4) { call.filter = expression(depth: depth) }
        if random.chance(1, in: 3) {
            let orderBy = (0..<Int.random(in: 0...2, using: &random)).map { _ in orderByItem(depth: depth) }
            var frame: WindowFrame?
            if !orderBy.isEmpty, flip() {
                let bounds: [WindowFrame.Bound] = [.unboundedPreceding, .preceding(expression(depth: 0)), .currentRow,
                                                   .following(expression(depth: 0)), .unboundedFollowing]
                frame = WindowFrame(units: flip() ? .rows : .range, start: pick(bounds), end: flip() ? pick(bounds) : nil)
            }
            call.window = WindowSpecification(partitionBy: flip() ? [expression(depth: depth)] : [], orderBy: orderBy, frame: frame)
        }
        return call
    }

    mutating func orderByItem(depth: Int) -> OrderByItem {
        OrderByItem(expression: expression(depth: depth), direction: pick([nil, .ascending, .descending]), nullsOrder: pick([nil, .first, .last]))
    }

    mutating func select(depth: Int) -> Select {
        var items: [SelectItem] = [.expression(expression(depth: depth), alias: flip() ? identifier() : nil, .unknown)]
        if flip() { items.append(pick([.wildcard(.unknown), .qualifiedWildcard(QualifiedName([identifier()]), .unknown)])) }
        var select = Select(isDistinct: random.chance(1, in: 4), items: items)
        if flip() { select.from = (0..<Int.random(in: 1...2, using: &random)).map { _ in tableReference(depth: depth) } }
        if flip() { select.whereClause = expression(depth: depth) }
        if random.chance(1, in: 3) {
            select.groupBy = [expression(depth: 0)]
            if flip() { select.having = expression(depth: depth) }
        }
        return select
    }

    mutating func tableReference(depth: Int) -> TableReference {
        let alias: TableAlias? = flip() ? TableAlias(name: identifier(), columnNames: flip() ? [identifier()] : []) : nil
        switch Int.random(in: 0..<(depth > 0 ? 6 : 4), using: &random) {
        case 0: return .table(QualifiedName([identifier()]), timeTravel: nil, alias: alias, .unknown)
        case 1:
            let travel: TimeTravel = flip() ? .version(.literal(.integer("3"), .unknown)) : .timestamp(.literal(.string("2024-01-01"), .unknown))
            return .table(QualifiedName([identifier(), identifier()]), timeTravel: travel, alias: alias, .unknown)
        case 2: return .file(path: pick(["data/x.parquet", "it's.csv"]), alias: alias, .unknown)
        case 3: return .function(QualifiedName(["read_parquet"]), arguments: [.literal(.string("*.parquet"), .unknown)], alias: alias, .unknown)
        case 4: return .subquery(query(depth: depth - 1), alias: alias, .unknown)
        default:
            let kind = pick([JoinKind.inner, .left, .right, .full, .cross])
            let condition: JoinCondition = kind == .cross ? .none : pick([.on(expression(depth: 1)), .using([identifier()]), .natural])
            return .join(Join(left: tableReference(depth: depth - 1), right: tableReference(depth: depth - 1), kind: kind, condition: condition))
        }
    }

    mutating func body(depth: Int) -> QueryBody {
        switch Int.random(in: 0..<(depth > 0 ? 5 : 2), using: &random) {
        case 0: return .select(select(depth: max(depth - 1, 0)))
        case 1: return .values(Values(rows: [[expression(depth: 0), expression(depth: 0)]]))
        case 2:
            var inner = query(depth: depth - 1)
            if inner.hasOnlyABody { inner.limit = .literal(.integer("1"), .unknown) }
            return .parenthesized(inner)
        default:
            return .setOperation(SetOperation(op: pick([.union, .intersect, .except]), isAll: flip(),
                                              left: body(depth: depth - 1), right: body(depth: depth - 1)))
        }
    }

    mutating func query(depth: Int) -> Query {
        var query = Query(body: body(depth: depth))
        if depth > 0, random.chance(1, in: 4) {
            query.with = WithClause(isRecursive: flip(), tables: [CommonTableExpression(name: identifier(), columnNames: flip() ? [identifier()] : [], query: self.query(depth: depth - 1))])
        }
        if flip() { query.orderBy = [orderByItem(depth: 1)] }
        if flip() { query.limit = .literal(.integer("10"), .unknown) }
        if random.chance(1, in: 4) { query.offset = .parameter(Parameter(index: 1, style: .numbered)) }
        return query
    }
}
