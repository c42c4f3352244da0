import Testing
@testable import SQLParser

@Suite struct ExpressionFormTests {
    @Test func numbersKeepTheirExactText() throws {
        #expect(try expression("42") == .literal(.integer("42"), .unknown))
        #expect(try expression("0.05") == .literal(.decimal("0.05"), .unknown))
        #expect(try expression(".5") == .literal(.decimal(".5"), .unknown))
        #expect(try expression("7.") == .literal(.decimal("7."), .unknown))
        #expect(try expression("1.5e10") == .literal(.float("1.5e10"), .unknown))
        #expect(try expression("2E-3") == .literal(.float("2E-3"), .unknown))
        #expect(try expression("123456789012345678901234567890") == .literal(.integer("123456789012345678901234567890"), .unknown))
        #expect(try expression("0.0001000000").description == "0.0001000000")
    }

    @Test func stringsBooleansAndNull() throws {
        #expect(try expression("'it''s'") == .literal(.string("it's"), .unknown))
        #expect(try expression("'it''s'").description == "'it''s'")
        #expect(try expression("''") == .literal(.string(""), .unknown))
        #expect(try expression("TRUE") == .literal(.boolean(true), .unknown))
        #expect(try expression("false") == .literal(.boolean(false), .unknown))
        #expect(try expression("NULL") == .literal(.null, .unknown))
        #expect(try expression("'line\nbreak'") == .literal(.string("line\nbreak"), .unknown))
        #expect(try expression("'naïve ☃'") == .literal(.string("naïve ☃"), .unknown))
    }

    @Test func typedLiterals() throws {
        #expect(try expression("DATE '1998-12-01'") == .literal(.date("1998-12-01"), .unknown))
        #expect(try expression("TIMESTAMP '2024-01-01 10:00:00'") == .literal(.timestamp("2024-01-01 10:00:00"), .unknown))
        #expect(try expression("INTERVAL '90' DAY") == .literal(.interval(IntervalLiteral(value: "90", unit: .day)), .unknown))
        #expect(try expression("INTERVAL '3' MONTH") == .literal(.interval(IntervalLiteral(value: "3", unit: .month)), .unknown))
        #expect(try expression("interval '1' year") == .literal(.interval(IntervalLiteral(value: "1", unit: .year)), .unknown))
        #expect(try expression("INTERVAL '1 day'") == .literal(.interval(IntervalLiteral(value: "1 day", unit: nil)), .unknown))
        #expect(try expression("INTERVAL 3 DAYS") == .literal(.interval(IntervalLiteral(value: "3", unit: .day)), .unknown))
        #expect(try expression("DATE '1998-12-01' - INTERVAL '90' DAY").description == "DATE '1998-12-01' - INTERVAL '90' DAY")
        // Without a string after it, the word is an ordinary column name.
        #expect(try expression("date") == .column(QualifiedName(["date"])))
        #expect(try expression("date + interval").description == "date + interval")
    }

    @Test func columnsAreCaseInsensitiveUnlessQuoted() throws {
        #expect(try expression("L_OrderKey") == .column(QualifiedName(["l_orderkey"])))
        #expect(try expression("L1.L_ORDERKEY") == .column(QualifiedName(["l1", "l_orderkey"])))
        let quoted = try expression("\"MixedCase\".\"Col \"\"x\"\"\"")
        guard case .column(let name) = quoted else {
            Issue.record("not a column")
            return
        }
        #expect(name.parts.map(\.value) == ["MixedCase", "Col \"x\""])
        #expect(name.parts.allSatisfy { $0.isQuoted })
        #expect(quoted.description == "\"MixedCase\".\"Col \"\"x\"\"\"")
        #expect(try expression("\"select\"").description == "\"select\"")
        #expect(try expression("tpch.lineitem.l_tax") == .column(QualifiedName(["tpch", "lineitem", "l_tax"])))
    }

    @Test func functionCalls() throws {
        guard case .function(let countStar) = try expression("COUNT(*)") else {
            Issue.record("not a call")
            return
        }
        #expect(countStar.name.description == "count" && countStar.hasStarArgument && countStar.arguments.isEmpty)
        guard case .function(let countDistinct) = try expression("count(DISTINCT l_suppkey)") else {
            Issue.record("not a call")
            return
        }
        let suppkey = try expression("l_suppkey")
        #expect(countDistinct.isDistinct && countDistinct.arguments == [suppkey])
        for text in [
            "count(*)", "count(DISTINCT x)", "sum(a * b)", "now()", "coalesce(a, b, 0)", "nullif(a, 0)",
            "lower(upper(trim(s)))", "length(s)", "concat(a, b, 'c')", "round(x, 2)", "left(s, 3)", "right(s, 2)",
            "sum(x) FILTER (WHERE y > 0)", "main.my_function(1)",
        ] {
            try expectRoundTrip("SELECT " + text)
        }
        #expect(try expression("left(s, 3)").description == "left(s, 3)")
    }

    @Test func specialCallSyntax() throws {
        #expect(try expression("EXTRACT(YEAR FROM l_shipdate)") == .extract(.year, try expression("l_shipdate"), .unknown))
        #expect(try expression("extract('month' from d)") == .extract(.month, try expression("d"), .unknown))
        #expect(try expression("EXTRACT(year FROM d)").description == "EXTRACT(YEAR FROM d)")
        #expect(try expression("SUBSTRING(s FROM 1 FOR 3)") == expression("substring(s, 1, 3)"))
        #expect(try expression("substring(s FROM 2)") == expression("substring(s, 2)"))
        #expect(try expression("substring(s FOR 2)") == expression("substring(s, 1, 2)"))
        #expect(try expression("CAST(x AS DECIMAL(15,2))") == .cast(try expression("x"), DataTypeName("decimal", parameters: [15, 2]), .unknown))
        #expect(try expression("x::bigint") == expression("CAST(x AS BIGINT)"))
        #expect(try expression("x::varchar(25)").description == "CAST(x AS VARCHAR(25))")
        #expect(try expression("CAST(x AS double precision)").description == "CAST(x AS DOUBLE PRECISION)")
        #expect(try expression("CAST(x AS timestamp with time zone)").description == "CAST(x AS TIMESTAMP WITH TIME ZONE)")
        #expect(try expression("'1' :: int :: text") == expression("CAST(CAST('1' AS INT) AS TEXT)"))
    }

    @Test func caseExpressions() throws {
        let searched = try expression("CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END")
        guard case .caseWhen(let searchedCase) = searched else {
            Issue.record("not a CASE")
            return
        }
        #expect(searchedCase.operand == nil && searchedCase.branches.count == 2 && searchedCase.elseResult != nil)
        let simple = try expression("CASE x WHEN 1 THEN 'one' END")
        guard case .caseWhen(let simpleCase) = simple else {
            Issue.record("not a CASE")
            return
        }
        #expect(simpleCase.operand == (try expression("x")) && simpleCase.elseResult == nil)
        try expectRoundTrip("SELECT CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' END, CASE WHEN a THEN CASE WHEN b THEN 1 END END")
    }

    @Test func predicates() throws {
        #expect(try expression("a NOT IN (1, 2)") == .inList(try expression("a"), [try expression("1"), try expression("2")], negated: true, .unknown))
        guard case .inSubquery(_, let query, let negated, _) = try expression("a IN (SELECT b FROM t)") else {
            Issue.record("not IN (subquery)")
            return
        }
        #expect(!negated && query.description == "SELECT b FROM t")
        #expect(try expression("s LIKE 'a!%' ESCAPE '!'") == .like(try expression("s"), pattern: try expression("'a!%'"), escape: try expression("'!'"), caseInsensitive: false, negated: false, .unknown))
        #expect(try expression("s NOT ILIKE 'x'").description == "s NOT ILIKE 'x'")
        #expect(try expression("a IS NOT DISTINCT FROM b") == .binary(.isNotDistinctFrom, try expression("a"), try expression("b"), .unknown))
        #expect(try expression("a != b") == expression("a <> b"))
        for text in ["a IS NULL", "a IS NOT NULL", "a BETWEEN 1 AND 2", "a NOT BETWEEN 1 AND 2", "EXISTS (SELECT * FROM t)",
                     "NOT EXISTS (SELECT 1)", "x IN ((SELECT 1))", "(SELECT max(a) FROM t) + 1", "s LIKE '%x%' ESCAPE '\\\\'"] {
            try expectRoundTrip("SELECT " + text)
        }
    }

    @Test func windowFunctions() throws {
        let text = "SELECT row_number() OVER (PARTITION BY a, b ORDER BY c DESC NULLS LAST), "
            + "sum(x) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), "
            + "avg(x) OVER (PARTITION BY a ORDER BY d RANGE BETWEEN 3 PRECEDING AND 1 FOLLOWING), "
            + "count(*) OVER (), rank() OVER (ORDER BY y ROWS UNBOUNDED PRECEDING), "
            + "max(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM t"
        try expectRoundTrip(text)
        guard case .function(let call) = try expression("sum(x) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)"),
              let window = call.window
        else {
            Issue.record("no window")
            return
        }
        #expect(window.partitionBy == [try expression("a")])
        #expect(window.orderBy.map(\.expression) == [try expression("b")])
        #expect(window.frame == WindowFrame(units: .rows, start: .preceding(try expression("2")), end: .currentRow))
    }

    @Test func parametersAreNumbered() throws {
        let statement = try Parser.parseStatement("SELECT ? + ?, ? FROM t WHERE a = ?")
        #expect(statement.description == "SELECT ? + ?, ? FROM t WHERE a = ?")
        guard case .query(let query) = statement, case .select(let select) = query.body,
              case .expression(.binary(_, .parameter(let first), .parameter(let second), _), _, _) = select.items[0],
              case .expression(.parameter(let third), _, _) = select.items[1],
              case .binary(_, _, .parameter(let fourth), _) = select.whereClause
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect([first.index, second.index, third.index, fourth.index] == [1, 2, 3, 4])
        #expect(first.style == .positional)
        #expect(try expression("$2 * $1") == .binary(.multiply, .parameter(Parameter(index: 2, style: .numbered)), .parameter(Parameter(index: 1, style: .numbered)), .unknown))
        // Numbering restarts with each statement of a script.
        let script = try Parser.parseStatements("SELECT ?; SELECT ?")
        #expect(script.map(\.description) == ["SELECT ?", "SELECT ?"])
        guard case .query(let second2) = script[1], case .select(let secondSelect) = second2.body,
              case .expression(.parameter(let restarted), _, _) = secondSelect.items[0]
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(restarted.index == 1)
        try expectRoundTrip("INSERT INTO t VALUES ($1, $2), ($3, $1)")
    }

    @Test func rangesPointAtTheText() throws {
        let sql = "SELECT a,\n       l1.b + 10 AS c\nFROM t"
        let select = try SQLParserTests.select(sql)
        guard case .expression(let sum, let alias, let itemRange) = select.items[1],
              case .binary(_, .column(let column), .literal(_, let literalRange), let sumRange) = sum
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(column.range.start == SourcePosition(line: 2, column: 8, offset: 17))
        #expect(column.range.end == SourcePosition(line: 2, column: 12, offset: 21))
        #expect(literalRange.start.column == 15 && literalRange.end.column == 17)
        #expect(sumRange.start.column == 8 && sumRange.end.column == 17)
        #expect(alias?.range.start == SourcePosition(line: 2, column: 21, offset: 30))
        #expect(itemRange.start.column == 8 && itemRange.end.column == 22)
        #expect(select.range.start == .start && select.range.end.line == 3 && select.range.end.column == 7)
        // Columns count characters, not bytes.
        let unicode = try SQLParserTests.select("SELECT 'üü', x")
        #expect(unicode.items[1].range.start == SourcePosition(line: 1, column: 14, offset: 15))
    }
}
