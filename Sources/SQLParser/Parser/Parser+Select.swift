extension Parser {
    /// `SELECT [DISTINCT|ALL] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]`.
    mutating func parseSelect() throws(SQLSyntaxError) -> Select {
        let start = takeStart()
        let isDistinct = consumeKeyword(.distinct)
        if !isDistinct { _ = consumeKeyword(.all) }
        var items: [SelectItem] = []
        repeat {
            items.append(try parseSelectItem())
        } while consumeSymbol(",")
        var from: [TableReference] = []
        if consumeKeyword(.from) {
            repeat {
                from.append(try parseJoinedTable())
            } while consumeSymbol(",")
        }
        var whereClause: Expression?
        if consumeKeyword(.where) {
            whereClause = try parseExpression()
        }
        var groupBy: [Expression] = []
        if consumeKeyword(.group) {
            try expectKeyword(.by)
            groupBy = try parseExpressionList()
        }
        var having: Expression?
        if consumeKeyword(.having) {
            having = try parseExpression()
        }
        return Select(
            isDistinct: isDistinct, items: items, from: from, whereClause: whereClause, groupBy: groupBy,
            having: having, range: range(from: start)
        )
    }

    private mutating func parseSelectItem() throws(SQLSyntaxError) -> SelectItem {
        if isAtSymbol("*") {
            let start = takeStart()
            return .wildcard(range(from: start))
        }
        if let partCount = qualifiedWildcardPartCount {
            return try parseQualifiedWildcard(partCount: partCount)
        }
        let start = currentStart
        let expression = try parseExpression()
        let alias = try parseSelectAlias()
        return .expression(expression, alias: alias, range(from: start))
    }

    /// `name[.name...].*` with `partCount` names.
    private mutating func parseQualifiedWildcard(partCount: Int) throws(SQLSyntaxError) -> SelectItem {
        let start = currentStart
        var parts: [Identifier] = []
        for _ in 0..<partCount {
            parts.append(try parseIdentifier("a table name"))
            try expectSymbol(".")
        }
        let qualifier = QualifiedName(parts, range: SourceRange(start: start, end: parts[parts.count - 1].range.end))
        try expectSymbol("*")
        return .qualifiedWildcard(qualifier, range(from: start))
    }

    /// `AS name` (any word, even reserved) or a bare unreserved name, if next.
    private mutating func parseSelectAlias() throws(SQLSyntaxError) -> Identifier? {
        if consumeKeyword(.as) {
            return try parseIdentifier("an alias", allowingReserved: true)
        }
        return isAtIdentifier ? try parseIdentifier() : nil
    }

    /// The number of name parts when the tokens ahead read `name[.name...].*`, else nil.
    private var qualifiedWildcardPartCount: Int? {
        var ahead = 0
        var partCount = 0
        while true {
            let token = peek(ahead)
            let isName = token.kind == .quotedIdentifier || (token.kind == .word && !(token.keyword?.isReserved ?? false))
            guard isName, peek(ahead + 1).isSymbol(".") else {
                return nil
            }
            partCount += 1
            if peek(ahead + 2).isSymbol("*") { return partCount }
            ahead += 2
        }
    }
}
