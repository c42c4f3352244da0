import Testing
@testable import SQLParser

@Suite struct QueryFormTests {
    @Test func selectListForms() throws {
        let select = try SQLParserTests.select("SELECT DISTINCT *, t.*, s.t.*, a b, a AS \"B\", a + 1 AS from FROM t")
        #expect(select.isDistinct)
        #expect(select.items.count == 6)
        #expect(select.items[0] == .wildcard(.unknown))
        #expect(select.items[1] == .qualifiedWildcard(QualifiedName(["t"]), .unknown))
        #expect(select.items[2] == .qualifiedWildcard(QualifiedName(["s", "t"]), .unknown))
        #expect(select.items[3] == .expression(try expression("a"), alias: "b", .unknown))
        guard case .expression(_, let quotedAlias, _) = select.items[4], case .expression(_, let reservedAlias, _) = select.items[5] else {
            Issue.record("unexpected items")
            return
        }
        #expect(quotedAlias?.value == "B" && quotedAlias?.isQuoted == true)
        #expect(reservedAlias?.value == "from")
        try expectRoundTrip("SELECT DISTINCT *, t.*, s.t.*, a b, a AS \"B\", a + 1 AS from FROM t")
        try expectRoundTrip("SELECT ALL 1")
        try expectRoundTrip("SELECT 1, 'x'")
    }

    @Test func fromForms() throws {
        let select = try SQLParserTests.select("""
            SELECT * FROM tpch.lineitem l, 'data/x.parquet' AS x, read_parquet('data/*.parquet') p,
                read_csv('f.csv', header = true), (SELECT 1 AS one) AS sub (uno), (VALUES (1, 'a')) v (n, s)
            """)
        #expect(select.from.count == 6)
        #expect(select.from[0] == .table(QualifiedName(["tpch", "lineitem"]), timeTravel: nil, alias: TableAlias(name: "l"), .unknown))
        #expect(select.from[1] == .file(path: "data/x.parquet", alias: TableAlias(name: "x"), .unknown))
        #expect(select.from[2] == .function(QualifiedName(["read_parquet"]), arguments: [try expression("'data/*.parquet'")], alias: TableAlias(name: "p"), .unknown))
        guard case .function(_, let csvArguments, nil, _) = select.from[3],
              case .subquery(_, let subAlias, _) = select.from[4],
              case .subquery(let valuesQuery, _, _) = select.from[5], case .values(let values) = valuesQuery.body
        else {
            Issue.record("unexpected FROM")
            return
        }
        #expect(csvArguments.count == 2)
        #expect(subAlias == TableAlias(name: "sub", columnNames: ["uno"]))
        #expect(values.rows.count == 1 && values.rows[0].count == 2)
        try expectRoundTrip("SELECT * FROM tpch.lineitem l, 'data/x.parquet' AS x, read_parquet('data/*.parquet') p, read_csv('f.csv', header = true), (SELECT 1 AS one) AS sub (uno)")
        try expectRoundTrip("SELECT * FROM (SELECT 1) UNION SELECT 2")
        try expectRoundTrip("SELECT * FROM ((SELECT 1) UNION (SELECT 2)) AS u")
    }

    @Test func joins() throws {
        let sql = """
            SELECT * FROM a JOIN b ON a.id = b.id INNER JOIN c USING (id, k)
            LEFT JOIN d ON TRUE LEFT OUTER JOIN e ON 1 = 1 RIGHT JOIN f ON x RIGHT OUTER JOIN g ON y
            FULL JOIN h ON z FULL OUTER JOIN i ON w CROSS JOIN j NATURAL JOIN k
            """
        let select = try SQLParserTests.select(sql)
        var joins: [Join] = []
        var reference = try #require(select.from.first)
        while case .join(let join) = reference {
            joins.append(join)
            reference = join.left
        }
        joins.reverse()
        #expect(joins.map(\.kind) == [.inner, .inner, .left, .left, .right, .right, .full, .full, .cross, .inner])
        #expect(joins[0].condition == .on(try expression("a.id = b.id")))
        #expect(joins[1].condition == .using(["id", "k"]))
        #expect(joins[8].condition == JoinCondition.none)
        #expect(joins[9].condition == .natural)
        try expectRoundTrip(sql)
    }

    @Test func parenthesizedJoinsNestOnTheRight() throws {
        let sql = "SELECT * FROM a LEFT JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y, d"
        let select = try SQLParserTests.select(sql)
        guard case .join(let outer) = select.from[0], case .join(let inner) = outer.right else {
            Issue.record("unexpected joins")
            return
        }
        #expect(outer.kind == .left && inner.kind == .inner)
        #expect(select.from.count == 2)
        #expect(select.description == sql)
        try expectRoundTrip(sql)
        try expectRoundTrip("SELECT * FROM ((a JOIN b ON x) JOIN c ON y)")
    }

    @Test func commonTableExpressions() throws {
        let sql = "WITH a AS (SELECT 1 AS x), b (y, z) AS (SELECT x, x FROM a) SELECT * FROM a, b"
        let query = try Parser.parseQuery(sql)
        let with = try #require(query.with)
        #expect(with.tables.map(\.name.value) == ["a", "b"])
        #expect(with.tables[1].columnNames.map(\.value) == ["y", "z"])
        #expect(!with.isRecursive)
        try expectRoundTrip(sql)
        try expectRoundTrip("WITH RECURSIVE r AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r")
        try expectRoundTrip("SELECT * FROM (WITH q AS (SELECT 1) SELECT * FROM q) AS s")
    }

    @Test func clausesInOrder() throws {
        let sql = "SELECT a, sum(b) FROM t WHERE c > 0 GROUP BY a, 2 HAVING sum(b) > 10 ORDER BY 2 DESC NULLS FIRST, a ASC NULLS LAST, c LIMIT 10 OFFSET 5"
        let query = try Parser.parseQuery(sql)
        guard case .select(let select) = query.body else {
            Issue.record("not a select")
            return
        }
        #expect(select.groupBy == [try expression("a"), .literal(.integer("2"), .unknown)])
        #expect(select.having == (try expression("sum(b) > 10")))
        #expect(query.orderBy.map(\.direction) == [.descending, .ascending, nil])
        #expect(query.orderBy.map(\.nullsOrder) == [.first, .last, nil])
        #expect(query.limit == .literal(.integer("10"), .unknown))
        #expect(query.offset == .literal(.integer("5"), .unknown))
        try expectRoundTrip(sql)
        let offsetOnly = try Parser.parseQuery("SELECT * FROM t OFFSET 3")
        #expect(offsetOnly.limit == nil && offsetOnly.offset == .literal(.integer("3"), .unknown))
        let swapped = try Parser.parseQuery("SELECT * FROM t OFFSET 3 ROWS LIMIT ?")
        #expect(swapped.limit == .parameter(Parameter(index: 1, style: .positional)))
        try expectRoundTrip("SELECT * FROM t LIMIT 1")
    }

    @Test func timeTravel() throws {
        let select = try SQLParserTests.select("SELECT * FROM t VERSION AS OF 3, u TIMESTAMP AS OF '2024-01-01' AS old, version")
        #expect(select.from[0] == .table(QualifiedName(["t"]), timeTravel: .version(.literal(.integer("3"), .unknown)), alias: nil, .unknown))
        #expect(select.from[1] == .table(QualifiedName(["u"]), timeTravel: .timestamp(.literal(.string("2024-01-01"), .unknown)), alias: TableAlias(name: "old"), .unknown))
        // Without `AS OF`, the words are ordinary names.
        #expect(select.from[2] == .table(QualifiedName(["version"]), timeTravel: nil, alias: nil, .unknown))
        #expect(try SQLParserTests.select("SELECT * FROM t version").from[0].alias == TableAlias(name: "version"))
        try expectRoundTrip("SELECT * FROM t VERSION AS OF 3 v JOIN u TIMESTAMP AS OF TIMESTAMP '2024-01-01 00:00:00' ON v.a = u.a")
        try expectRoundTrip("SELECT * FROM t VERSION AS OF ?")
    }

    @Test func valuesAndParenthesizedQueries() throws {
        try expectRoundTrip("VALUES (1, 'a'), (2, 'b')")
        try expectRoundTrip("(SELECT 1)")
        try expectRoundTrip("((SELECT 1) ORDER BY 1) LIMIT 1")
        try expectRoundTrip("SELECT 1 EXCEPT ALL SELECT 2 UNION DISTINCT SELECT 3")
        let query = try Parser.parseQuery("VALUES (1), (2) ORDER BY 1")
        guard case .values(let values) = query.body else {
            Issue.record("not VALUES")
            return
        }
        #expect(values.rows.count == 2 && query.orderBy.count == 1)
    }

    @Test func commentsAndWhitespaceAreIgnored() throws {
        let sql = """
            -- leading comment
            SELECT /* inline /* nested */ comment */ a -- trailing
            FROM\tt\r\n;
            """
        #expect(try Parser.parseStatement(sql).description == "SELECT a FROM t")
    }
}
