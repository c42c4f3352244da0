import Testing
@testable import SQLParser

@Suite struct StatementTests {
    @Test func createTableWithColumns() throws {
        let sql = "CREATE TABLE sales.orders (id BIGINT NOT NULL, price DECIMAL(15, 2), note VARCHAR, day DATE NULL) PARTITIONED BY (day)"
        guard case .createTable(let create) = try expectRoundTrip(sql) else {
            Issue.record("not CREATE TABLE")
            return
        }
        #expect(create.name == QualifiedName(["sales", "orders"]))
        #expect(create.columns.map(\.name.value) == ["id", "price", "note", "day"])
        #expect(create.columns.map(\.isNullable) == [false, true, true, true])
        #expect(create.columns[1].type == DataTypeName("decimal", parameters: [15, 2]))
        #expect(create.partitionedBy == ["day"])
        #expect(create.query == nil && !create.ifNotExists)
        try expectRoundTrip("CREATE TABLE IF NOT EXISTS t (a INT)")
    }

    @Test func createTableAsQuery() throws {
        guard case .createTable(let create) = try expectRoundTrip("CREATE TABLE big AS SELECT * FROM t WHERE x > 1") else {
            Issue.record("not CREATE TABLE")
            return
        }
        #expect(create.columns.isEmpty && create.query?.description == "SELECT * FROM t WHERE x > 1")
        try expectRoundTrip("CREATE TABLE p PARTITIONED BY (d) AS SELECT d, count(*) FROM t GROUP BY d")
    }

    @Test func insert() throws {
        guard case .insert(let insert) = try expectRoundTrip("INSERT INTO t (a, b) VALUES (1, 'x'), (2, NULL)") else {
            Issue.record("not INSERT")
            return
        }
        #expect(insert.table == QualifiedName(["t"]) && insert.columns == ["a", "b"])
        guard case .values(let values) = insert.source.body else {
            Issue.record("not VALUES")
            return
        }
        #expect(values.rows.count == 2)
        try expectRoundTrip("INSERT INTO t SELECT * FROM u")
        try expectRoundTrip("INSERT INTO t (SELECT * FROM u)")
        try expectRoundTrip("INSERT INTO t WITH x AS (SELECT 1) SELECT * FROM x")
    }

    @Test func deleteDropShowDescribe() throws {
        #expect(try expectRoundTrip("DELETE FROM t WHERE a < 3") == .delete(Delete(table: QualifiedName(["t"]), whereClause: try expression("a < 3"))))
        #expect(try expectRoundTrip("DELETE FROM t") == .delete(Delete(table: QualifiedName(["t"]))))
        #expect(try expectRoundTrip("DROP TABLE t") == .dropTable(DropTable(name: QualifiedName(["t"]))))
        #expect(try expectRoundTrip("DROP TABLE IF EXISTS s.t") == .dropTable(DropTable(name: QualifiedName(["s", "t"]), ifExists: true)))
        #expect(try expectRoundTrip("SHOW TABLES") == .showTables(.unknown))
        #expect(try expectRoundTrip("describe Lineitem") == .describe(QualifiedName(["lineitem"]), .unknown))
    }

    @Test func createAndDropView() throws {
        guard case .createView(let create) = try expectRoundTrip("CREATE OR REPLACE VIEW v (a, b) AS SELECT x, y FROM t") else {
            Issue.record("not CREATE VIEW")
            return
        }
        #expect(create.orReplace && !create.ifNotExists && create.columnNames.map(\.value) == ["a", "b"])
        #expect(create.query.description == "SELECT x, y FROM t")
        try expectRoundTrip("CREATE VIEW IF NOT EXISTS v AS WITH w AS (SELECT 1) SELECT * FROM w")
        #expect(try expectRoundTrip("DROP VIEW IF EXISTS v") == .dropView(DropView(name: QualifiedName(["v"]), ifExists: true)))
        #expect(throws: SQLSyntaxError.self) { _ = try Parser.parseStatement("CREATE OR REPLACE TABLE t (x INT)") }
        #expect(throws: SQLSyntaxError.self) { _ = try Parser.parseStatement("CREATE VIEW v SELECT 1") }
    }

    @Test func explain() throws {
        guard case .explain(let explain) = try expectRoundTrip("EXPLAIN SELECT 1") else {
            Issue.record("not EXPLAIN")
            return
        }
        #expect(!explain.isAnalyze && explain.statement.description == "SELECT 1")
        guard case .explain(let analyze) = try expectRoundTrip("EXPLAIN ANALYZE DELETE FROM t WHERE a = 1") else {
            Issue.record("not EXPLAIN")
            return
        }
        #expect(analyze.isAnalyze)
        try expectRoundTrip("EXPLAIN " + (try tpchQueryText(5)).replacingSemicolon())
    }

    @Test func scriptsOfSeveralStatements() throws {
        let script = """
            CREATE TABLE t (a INT);
            INSERT INTO t VALUES (1);;
            -- a comment between statements
            SELECT * FROM t;
            DROP TABLE t
            """
        let statements = try Parser.parseStatements(script)
        #expect(statements.map(\.description) == [
            "CREATE TABLE t (a INT)", "INSERT INTO t VALUES (1)", "SELECT * FROM t", "DROP TABLE t",
        ])
        #expect(statements[2].range.start == SourcePosition(line: 4, column: 1, offset: 83))
        #expect(try Parser.parseStatements("").isEmpty)
        #expect(try Parser.parseStatements(" ; -- nothing\n ;").isEmpty)
    }

    @Test func statementRangesCoverTheirText() throws {
        let sql = "  SELECT a FROM t  ;"
        let statement = try Parser.parseStatement(sql)
        #expect(statement.range.start.offset == 2 && statement.range.end.offset == 17)
    }
}

private extension String {
    func replacingSemicolon() -> String {
        String(self.filter { $0 != ";" })
    }
}
