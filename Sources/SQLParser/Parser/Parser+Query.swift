extension Parser {
    /// `[WITH ...] body [ORDER BY ...] [LIMIT n] [OFFSET m]`.
    mutating func parseQuery() throws(SQLSyntaxError) -> Query {
        try enterNesting()
        defer { depth -= 1 }
        let start = currentStart
        let with = isKeyword(.with) ? try parseWithClause() : nil
        var query = Query(with: with, body: try parseQueryBody(minimumPrecedence: 1))
        if consumeKeyword(.order) {
            try expectKeyword(.by)
            query.orderBy = try parseOrderByItems()
        }
        try parseLimitAndOffset(into: &query)
        query.range = range(from: start)
        return query
    }

    /// `LIMIT n` and `OFFSET m [ROWS]`, each optional, in either order as in PostgreSQL.
    private mutating func parseLimitAndOffset(into query: inout Query) throws(SQLSyntaxError) {
        while true {
            if query.limit == nil, consumeKeyword(.limit) {
                query.limit = try parseExpression()
            } else if query.offset == nil, consumeKeyword(.offset) {
                query.offset = try parseExpression()
                if !consumeKeyword(.rows) { _ = consumeKeyword(.row) }
            } else {
                return
            }
        }
    }

    private mutating func parseWithClause() throws(SQLSyntaxError) -> WithClause {
        let start = takeStart()
        let isRecursive = consumeKeyword(.recursive)
        var tables: [CommonTableExpression] = []
        repeat {
            let tableStart = currentStart
            let name = try parseIdentifier("a name for the common table expression")
            var columnNames: [Identifier] = []
            if isAtSymbol("(") {
                columnNames = try parseParenthesizedIdentifiers("a column name")
            }
            try expectKeyword(.as)
            try expectSymbol("(")
            let query = try parseQuery()
            try expectSymbol(")")
            tables.append(CommonTableExpression(name: name, columnNames: columnNames, query: query, range: range(from: tableStart)))
        } while consumeSymbol(",")
        return WithClause(isRecursive: isRecursive, tables: tables, range: range(from: start))
    }

    /// Set operations by precedence climbing: `INTERSECT` (2) binds tighter than `UNION` and
    /// `EXCEPT` (1); all associate to the left.
    private mutating func parseQueryBody(minimumPrecedence: Int) throws(SQLSyntaxError) -> QueryBody {
        try enterNesting()
        defer { depth -= 1 }
        let start = currentStart
        var left = try parseQueryPrimary()
        var chainLength = 0
        defer { depth -= chainLength }
        while let op = currentSetOperator, op.precedence >= minimumPrecedence {
            chainLength += 1
            try enterNesting()
            advance()
            let isAll = consumeKeyword(.all)
            if !isAll { _ = consumeKeyword(.distinct) }
            let right = try parseQueryBody(minimumPrecedence: op.precedence + 1)
            left = .setOperation(SetOperation(op: op, isAll: isAll, left: left, right: right, range: range(from: start)))
        }
        return left
    }

    private var currentSetOperator: SetOperation.Operator? {
        switch currentKeyword {
        case .union: return .union
        case .intersect: return .intersect
        case .except: return .except
        default: return nil
        }
    }

    private mutating func parseQueryPrimary() throws(SQLSyntaxError) -> QueryBody {
        switch currentKeyword {
        case .select:
            return .select(try parseSelect())
        case .values:
            return .values(try parseValues())
        default:
            guard isAtSymbol("(") else { throw unexpected(expected: "SELECT, VALUES or '('") }
            advance()
            let query = try parseQuery()
            try expectSymbol(")")
            // Parentheses that only group set operations leave no node, as around expressions;
            // a query with clauses of its own keeps them.
            return query.hasOnlyABody ? query.body : .parenthesized(query)
        }
    }

    private mutating func parseValues() throws(SQLSyntaxError) -> Values {
        let start = takeStart()
        var rows: [[Expression]] = []
        repeat {
            try expectSymbol("(")
            rows.append(try parseExpressionList())
            try expectSymbol(")")
        } while consumeSymbol(",")
        return Values(rows: rows, range: range(from: start))
    }

    /// `expression [ASC|DESC] [NULLS FIRST|LAST], ...`.
    mutating func parseOrderByItems() throws(SQLSyntaxError) -> [OrderByItem] {
        var items: [OrderByItem] = []
        repeat {
            let start = currentStart
            let expression = try parseExpression()
            var direction: OrderByItem.Direction?
            if consumeKeyword(.asc) {
                direction = .ascending
            } else if consumeKeyword(.desc) {
                direction = .descending
            }
            var nullsOrder: OrderByItem.NullsOrder?
            if consumeKeyword(.nulls) {
                if consumeKeyword(.first) {
                    nullsOrder = .first
                } else if consumeKeyword(.last) {
                    nullsOrder = .last
                } else {
                    throw unexpected(expected: "FIRST or LAST")
                }
            }
            items.append(OrderByItem(expression: expression, direction: direction, nullsOrder: nullsOrder, range: range(from: start)))
        } while consumeSymbol(",")
        return items
    }
}
