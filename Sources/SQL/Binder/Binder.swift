import SQLParser
import SluiceCore

/// Turns a parsed query into a `LogicalPlan`: resolves table and column names against the
/// catalog and the `FROM` scopes, picks types, and plans subqueries as joins (correlated ones
/// keep references to the enclosing query's columns until the decorrelation rule pulls them
/// into the join condition).
///
/// One binder binds one statement; it is not shared between threads.
final class Binder: @unchecked Sendable {
    let catalog: any Catalog
    let parameters: [Value]
    let ids = ColumnIDGenerator()
    /// Common table expressions in scope, innermost last.
    var commonTables: [[String: CommonTableExpression]] = []
    /// Views being expanded, outermost first (lowercased names), to refuse a view that reads itself.
    var viewsBeingExpanded: [String] = []

    init(catalog: any Catalog, parameters: [Value]) {
        self.catalog = catalog
        self.parameters = parameters
    }

    // MARK: - Queries

    func bind(_ query: Query, outer: BindScope? = nil) throws -> BoundQuery {
        if let with = query.with {
            var tables: [String: CommonTableExpression] = [:]
            for table in with.tables { tables[table.name.value.lowercased()] = table }
            commonTables.append(tables)
        }
        defer { if query.with != nil { commonTables.removeLast() } }

        var bound: BoundQuery
        if case .select(let select) = query.body {
            bound = try bindSelect(select, orderBy: query.orderBy, outer: outer)
        } else {
            bound = try bindBody(query.body, outer: outer)
            if !query.orderBy.isEmpty {
                let keys = try query.orderBy.map { item in try outputSortKey(item, columns: bound.columns) }
                bound.plan = .sort(SortNode(input: bound.plan, keys: keys, limit: nil, offset: 0))
            }
        }
        let limit = try query.limit.map { try constantCount($0, clause: "LIMIT") }
        let offset = try query.offset.map { try constantCount($0, clause: "OFFSET") } ?? 0
        if limit != nil || offset > 0 {
            bound.plan = .limit(bound.plan, limit: limit, offset: offset)
        }
        return bound
    }

    func bindBody(_ body: QueryBody, outer: BindScope?) throws -> BoundQuery {
        switch body {
        case .select(let select): return try bindSelect(select, orderBy: [], outer: outer)
        case .parenthesized(let query): return try bind(query, outer: outer)
        case .values(let values): return try bindValues(values, outer: outer)
        case .setOperation(let operation):
            let left = try bindBody(operation.left, outer: outer)
            let right = try bindBody(operation.right, outer: outer)
            guard left.columns.count == right.columns.count else {
                throw BindError.make("each \(operation.op.rawValue) query must have the same number of columns "
                                     + "(\(left.columns.count) and \(right.columns.count))", at: operation.range)
            }
            var leftPlan = left.plan
            var rightPlan = right.plan
            var columns: [PlanColumn] = []
            var leftCasts: [ComputedColumn] = []
            var rightCasts: [ComputedColumn] = []
            for (leftColumn, rightColumn) in zip(left.columns, right.columns) {
                guard let common = TypeCoercion.commonSupertype([leftColumn.type, rightColumn.type]) else {
                    throw BindError.make("\(operation.op.rawValue) cannot combine \(leftColumn.type) column "
                                         + "'\(leftColumn.name)' with \(rightColumn.type)", at: operation.range)
                }
                columns.append(ids.make(leftColumn.name, common, nullable: leftColumn.isNullable || rightColumn.isNullable))
                leftCasts.append(castColumn(leftColumn, to: common))
                rightCasts.append(castColumn(rightColumn, to: common))
            }
            leftPlan = .project(leftPlan, leftCasts)
            rightPlan = .project(rightPlan, rightCasts)
            let kind: SetOperationKind = switch operation.op {
            case .union: .union
            case .intersect: .intersect
            case .except: .except
            }
            return BoundQuery(plan: .setOperation(SetOperationNode(kind: kind, all: operation.isAll, left: leftPlan,
                                                                   right: rightPlan, columns: columns)),
                              columns: columns)
        }
    }

    private func castColumn(_ column: PlanColumn, to type: DataType) -> ComputedColumn {
        if column.type == type { return ComputedColumn(column, column.reference) }
        return ComputedColumn(ids.make(column.name, type, nullable: column.isNullable), .cast(column.reference, to: type))
    }

    private func bindValues(_ values: Values, outer: BindScope?) throws -> BoundQuery {
        let scope = BindScope(parent: outer)
        let binder = ExpressionBinder(binder: self, scope: scope)
        var rows = try values.rows.map { row in try row.map { try binder.bind($0) } }
        guard let width = rows.first?.count, rows.allSatisfy({ $0.count == width }) else {
            throw BindError.make("VALUES rows must all have the same number of values", at: values.range)
        }
        var columns: [PlanColumn] = []
        for index in 0..<width {
            let types = rows.map { $0[index].type }
            guard let common = ExpressionBinder.unifiedType(rows.map { $0[index] }) else {
                throw BindError.make("VALUES column \(index + 1) mixes types \(types)", at: values.range)
            }
            columns.append(ids.make("col\(index)", common))
            for row in rows.indices { rows[row][index] = ExpressionBinder.cast(rows[row][index], to: common) }
        }
        return BoundQuery(plan: .values(ValuesNode(columns: columns, rows: rows)), columns: columns)
    }

    /// A `LIMIT` or `OFFSET`: a non-negative integer literal or parameter.
    func constantCount(_ expression: Expression, clause: String) throws -> Int {
        let bound = try ExpressionBinder(binder: self, scope: BindScope(parent: nil)).bind(expression)
        let value = try ConstantFolding.evaluateConstant(bound)
        guard let count = value.flatMap(\.integerValue), count >= 0 else {
            throw BindError.make("\(clause) must be a non-negative integer", at: expression.range)
        }
        return Int(count)
    }

    /// An `ORDER BY` item of a set operation or `VALUES`: an output column by position or name.
    private func outputSortKey(_ item: OrderByItem, columns: [PlanColumn]) throws -> SortKey {
        let column: PlanColumn?
        switch item.expression {
        case .literal(.integer(let text), _):
            column = Int(text).flatMap { $0 >= 1 && $0 <= columns.count ? columns[$0 - 1] : nil }
        case .column(let name) where name.parts.count == 1:
            column = columns.first { $0.name.lowercased() == name.name.value.lowercased() }
        default:
            column = nil
        }
        guard let column else {
            throw BindError.make("ORDER BY of a set operation must name an output column", at: item.range)
        }
        return SortKey(column.reference, isAscending: !item.isDescending, nullsFirst: item.nullsOrder == .first)
    }

    // MARK: - Common table expressions

    /// The CTE named `name` in scope, innermost first.
    func commonTable(named name: String) -> CommonTableExpression? {
        for level in commonTables.reversed() {
            if let table = level[name.lowercased()] { return table }
        }
        return nil
    }

    /// Binds a CTE's query afresh for one reference (new column ids each time), hiding the CTEs
    /// declared at its own level and later so a CTE cannot refer to itself.
    func bindCommonTable(_ table: CommonTableExpression, outer: BindScope?) throws -> BoundQuery {
        let saved = commonTables
        if let level = commonTables.lastIndex(where: { $0[table.name.value.lowercased()] != nil }) {
            var visible = Array(commonTables[..<level])
            var own = commonTables[level]
            own[table.name.value.lowercased()] = nil
            visible.append(own)
            commonTables = visible
        }
        defer { commonTables = saved }
        return try bind(table.query, outer: nil)
    }
}

extension Value {
    /// The value as an integer, when it is one.
    var integerValue: Int64? {
        switch self {
        case .int32(let value): Int64(value)
        case .int64(let value): value
        default: nil
        }
    }
}
