extension Parser {
    /// One `FROM` entry: a table primary followed by any number of joins, left-associative.
    mutating func parseJoinedTable() throws(SQLSyntaxError) -> TableReference {
        try enterNesting()
        defer { depth -= 1 }
        let start = currentStart
        var left = try parseTablePrimary()
        var chainLength = 0
        defer { depth -= chainLength }
        while let (kind, isNatural) = try consumeJoinKeywords() {
            chainLength += 1
            try enterNesting()
            let right = try parseTablePrimary()
            let condition: JoinCondition
            if kind == .cross {
                condition = .none
            } else if isNatural {
                condition = .natural
            } else if consumeKeyword(.on) {
                condition = .on(try parseExpression())
            } else if consumeKeyword(.using) {
                condition = .using(try parseParenthesizedIdentifiers("a column name"))
            } else {
                throw unexpected(expected: "ON or USING")
            }
            left = .join(Join(left: left, right: right, kind: kind, condition: condition, range: range(from: start)))
        }
        return left
    }

    /// Consumes `[NATURAL] [INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN` if next.
    private mutating func consumeJoinKeywords() throws(SQLSyntaxError) -> (JoinKind, isNatural: Bool)? {
        let isNatural = consumeKeyword(.natural)
        let kind: JoinKind
        switch currentKeyword {
        case .join:
            kind = .inner
        case .inner:
            advance()
            kind = .inner
        case .left, .right, .full:
            let keyword = take().keyword
            kind = keyword == .left ? .left : keyword == .right ? .right : .full
            _ = consumeKeyword(.outer)
        case .cross where !isNatural:
            advance()
            kind = .cross
        default:
            if isNatural { throw unexpected(expected: "JOIN") }
            return nil
        }
        try expectKeyword(.join)
        return (kind, isNatural)
    }

    /// A table, file, table function, subquery, or joins in parentheses.
    private mutating func parseTablePrimary() throws(SQLSyntaxError) -> TableReference {
        try enterNesting()
        defer { depth -= 1 }
        if isAtSymbol("(") {
            return parenthesesLeadToQuery ? try parseDerivedTable() : try parseParenthesizedJoins()
        }
        if currentKind == .string {
            return try parseFileTable()
        }
        guard isAtIdentifier else {
            throw unexpected(expected: "a table name, a quoted file path, a table function or '('")
        }
        return try parseNamedTable()
    }

    /// `(query) [alias]`.
    private mutating func parseDerivedTable() throws(SQLSyntaxError) -> TableReference {
        let start = takeStart()
        let query = try parseQuery()
        try expectSymbol(")")
        let alias = try parseTableAlias()
        return .subquery(query, alias: alias, range(from: start))
    }

    /// `(joins)`: parentheses only group, so the joins themselves are returned.
    private mutating func parseParenthesizedJoins() throws(SQLSyntaxError) -> TableReference {
        advance()
        let joined = try parseJoinedTable()
        try expectSymbol(")")
        return joined
    }

    /// `'path' [alias]`.
    private mutating func parseFileTable() throws(SQLSyntaxError) -> TableReference {
        let start = currentStart
        let path = take().value
        let alias = try parseTableAlias()
        return .file(path: path, alias: alias, range(from: start))
    }

    /// `name [time travel] [alias]` or `function(arguments) [alias]`.
    private mutating func parseNamedTable() throws(SQLSyntaxError) -> TableReference {
        let start = currentStart
        let name = try parseQualifiedName("a table name")
        if consumeSymbol("(") {
            let arguments = isAtSymbol(")") ? [] : try parseExpressionList()
            try expectSymbol(")")
            let alias = try parseTableAlias()
            return .function(name, arguments: arguments, alias: alias, range(from: start))
        }
        let timeTravel = try parseTimeTravel()
        let alias = try parseTableAlias()
        return .table(name, timeTravel: timeTravel, alias: alias, range(from: start))
    }

    /// Whether the `(` here opens a query rather than joins: the first token after all the
    /// opening parentheses starts a query.
    private var parenthesesLeadToQuery: Bool {
        var ahead = 0
        while peekIsSymbol("(", ahead) { ahead += 1 }
        return Self.beginsQuery(peekKeyword(ahead))
    }

    /// `VERSION AS OF expression` or `TIMESTAMP AS OF expression`, if next.
    private mutating func parseTimeTravel() throws(SQLSyntaxError) -> TimeTravel? {
        guard peekKeyword(1) == .as, peekKeyword(2) == .of else { return nil }
        switch currentKeyword {
        case .version:
            index += 3
            return .version(try parseExpression())
        case .timestamp:
            index += 3
            return .timestamp(try parseExpression())
        default:
            return nil
        }
    }

    /// `[AS] name [(column, ...)]`, if next.
    private mutating func parseTableAlias() throws(SQLSyntaxError) -> TableAlias? {
        let name: Identifier
        if consumeKeyword(.as) {
            name = try parseIdentifier("an alias")
        } else if isAtIdentifier {
            name = try parseIdentifier()
        } else {
            return nil
        }
        var columnNames: [Identifier] = []
        if isAtSymbol("(") {
            columnNames = try parseParenthesizedIdentifiers("a column name")
        }
        return TableAlias(name: name, columnNames: columnNames)
    }
}
