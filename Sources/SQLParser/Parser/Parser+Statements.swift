extension Parser {
    /// Statements separated by `;` up to the end of the text.
    mutating func parseStatementList() throws(SQLSyntaxError) -> [Statement] {
        var statements: [Statement] = []
        while true {
            while consumeSymbol(";") {}
            if isAtEnd { return statements }
            positionalParameterCount = 0
            parameterStyle = nil
            statements.append(try parseStatement())
            if isAtEnd { return statements }
            guard isAtSymbol(";") else {
                throw unexpected(expected: "';' or the end of the statement")
            }
        }
    }

    mutating func parseStatement() throws(SQLSyntaxError) -> Statement {
        try enterNesting()
        defer { depth -= 1 }
        if startsQuery { return .query(try parseQuery()) }
        switch currentKeyword {
        case .create: return try parseCreate()
        case .insert: return .insert(try parseInsert())
        case .delete: return .delete(try parseDelete())
        case .drop: return try parseDrop()
        case .show: return try parseShowTables()
        case .describe: return try parseDescribe()
        case .explain: return .explain(try parseExplain())
        default:
            throw unexpected(expected: "a statement (SELECT, WITH, VALUES, CREATE, INSERT, DELETE, DROP, SHOW, DESCRIBE or EXPLAIN)")
        }
    }

    private mutating func parseShowTables() throws(SQLSyntaxError) -> Statement {
        let start = takeStart()
        try expectKeyword(.tables)
        return .showTables(range(from: start))
    }

    private mutating func parseDescribe() throws(SQLSyntaxError) -> Statement {
        let start = takeStart()
        let name = try parseQualifiedName("a table name")
        return .describe(name, range(from: start))
    }

    private mutating func parseExplain() throws(SQLSyntaxError) -> Explain {
        let start = takeStart()
        let isAnalyze = consumeKeyword(.analyze)
        let statement = try parseStatement()
        return Explain(statement: statement, isAnalyze: isAnalyze, range: range(from: start))
    }

    /// Whether the current token begins a query: `SELECT`, `WITH`, `VALUES` or `(`.
    var startsQuery: Bool {
        switch currentKeyword {
        case .select, .with, .values: return true
        default: return isAtSymbol("(")
        }
    }

    /// `CREATE TABLE ...` or `CREATE [OR REPLACE] VIEW ...`.
    private mutating func parseCreate() throws(SQLSyntaxError) -> Statement {
        let start = takeStart()
        let orReplace = consumeKeywords(.or, .replace)
        if consumeKeyword(.view) { return .createView(try parseCreateView(start: start, orReplace: orReplace)) }
        guard !orReplace else { throw unexpected(expected: "VIEW") }
        try expectKeyword(.table)
        return .createTable(try parseCreateTable(start: start))
    }

    private mutating func parseCreateView(start: SourcePosition, orReplace: Bool) throws(SQLSyntaxError) -> CreateView {
        let ifNotExists = consumeKeywords(.if, .not, .exists)
        let name = try parseQualifiedName("a view name")
        var columnNames: [Identifier] = []
        if isAtSymbol("(") { columnNames = try parseParenthesizedIdentifiers("a column name") }
        try expectKeyword(.as)
        guard startsQuery else { throw unexpected(expected: "a query") }
        let query = try parseQuery()
        return CreateView(name: name, orReplace: orReplace, ifNotExists: ifNotExists, columnNames: columnNames, query: query,
                          range: range(from: start))
    }

    private mutating func parseCreateTable(start: SourcePosition) throws(SQLSyntaxError) -> CreateTable {
        let ifNotExists = consumeKeywords(.if, .not, .exists)
        let name = try parseQualifiedName("a table name")
        var columns: [ColumnDefinition] = []
        if consumeSymbol("(") {
            repeat {
                columns.append(try parseColumnDefinition())
            } while consumeSymbol(",")
            try expectSymbol(")")
        }
        var partitionedBy: [Identifier] = []
        if consumeKeyword(.partitioned) {
            try expectKeyword(.by)
            partitionedBy = try parseParenthesizedIdentifiers("a column name")
        }
        var query: Query?
        if columns.isEmpty {
            guard consumeKeyword(.as) else {
                throw unexpected(expected: partitionedBy.isEmpty ? "'(' or AS" : "AS")
            }
            query = try parseQuery()
        }
        return CreateTable(
            name: name, ifNotExists: ifNotExists, columns: columns, partitionedBy: partitionedBy, query: query,
            range: range(from: start)
        )
    }

    private mutating func parseColumnDefinition() throws(SQLSyntaxError) -> ColumnDefinition {
        let start = currentStart
        let name = try parseIdentifier("a column name")
        let type = try parseDataType()
        var isNullable = true
        while true {
            if consumeKeywords(.not, .null) {
                isNullable = false
            } else if consumeKeyword(.null) {
                isNullable = true
            } else {
                break
            }
        }
        return ColumnDefinition(name: name, type: type, isNullable: isNullable, range: range(from: start))
    }

    private mutating func parseInsert() throws(SQLSyntaxError) -> Insert {
        let start = takeStart()
        try expectKeyword(.into)
        let table = try parseQualifiedName("a table name")
        var columns: [Identifier] = []
        // `INSERT INTO t (SELECT ...)` is a query in parentheses, not a column list.
        if isAtSymbol("("), !Self.beginsQuery(peekKeyword()) {
            columns = try parseParenthesizedIdentifiers("a column name")
        }
        guard startsQuery else { throw unexpected(expected: "a query or VALUES") }
        let source = try parseQuery()
        return Insert(table: table, columns: columns, source: source, range: range(from: start))
    }

    private mutating func parseDelete() throws(SQLSyntaxError) -> Delete {
        let start = takeStart()
        try expectKeyword(.from)
        let table = try parseQualifiedName("a table name")
        var whereClause: Expression?
        if consumeKeyword(.where) {
            whereClause = try parseExpression()
        }
        return Delete(table: table, whereClause: whereClause, range: range(from: start))
    }

    /// `DROP TABLE ...` or `DROP VIEW ...`.
    private mutating func parseDrop() throws(SQLSyntaxError) -> Statement {
        let start = takeStart()
        if consumeKeyword(.view) {
            let ifExists = consumeKeywords(.if, .exists)
            let name = try parseQualifiedName("a view name")
            return .dropView(DropView(name: name, ifExists: ifExists, range: range(from: start)))
        }
        try expectKeyword(.table)
        let ifExists = consumeKeywords(.if, .exists)
        let name = try parseQualifiedName("a table name")
        return .dropTable(DropTable(name: name, ifExists: ifExists, range: range(from: start)))
    }

    /// Whether a token spelling `keyword` can start a query, not counting `(`.
    static func beginsQuery(_ keyword: Keyword?) -> Bool {
        switch keyword {
        case .select, .with, .values: return true
        default: return false
        }
    }
}
