import Testing
@testable import SQLParser

@Suite struct TPCHQueryTests {
    @Test(arguments: 1...22)
    func parsesAndRoundTrips(number: Int) throws {
        let text = try tpchQueryText(number)
        let statements = try Parser.parseStatements(text)
        #expect(statements.count == 1)
        let statement = try expectRoundTrip(text)
        guard case .query(let query) = statement else {
            Issue.record("q\(number) is not a query")
            return
        }
        #expect(query.range.start.offset == 0)
    }

    @Test func query1HasTheExpectedShape() throws {
        let query = try Parser.parseQuery(try tpchQueryText(1))
        guard case .select(let select) = query.body else {
            Issue.record("not a select")
            return
        }
        #expect(select.items.count == 10)
        #expect(select.groupBy.count == 2)
        #expect(query.orderBy.map(\.expression.description) == ["l_returnflag", "l_linestatus"])
        guard case .expression(.function(let count), let alias, _) = select.items[9] else {
            Issue.record("item 10 is not a call")
            return
        }
        #expect(count.hasStarArgument && count.name.description == "count")
        #expect(alias?.value == "count_order")
        #expect(select.whereClause?.description == "l_shipdate <= CAST('1998-09-02' AS DATE)")
    }

    @Test func query13KeepsTheOuterJoinAndColumnAliases() throws {
        let query = try Parser.parseQuery(try tpchQueryText(13))
        guard case .select(let outer) = query.body,
              case .subquery(let inner, let alias, _) = outer.from.first,
              case .select(let innerSelect) = inner.body,
              case .join(let join) = innerSelect.from.first
        else {
            Issue.record("unexpected shape: \(query)")
            return
        }
        #expect(alias == TableAlias(name: "c_orders", columnNames: ["c_custkey", "c_count"]))
        #expect(join.kind == .left)
        #expect(join.condition == .on(try expression("c_custkey = o_custkey AND o_comment NOT LIKE '%special%requests%'")))
    }

    @Test func query15DefinesTheViewAsACommonTableExpression() throws {
        let query = try Parser.parseQuery(try tpchQueryText(15))
        let table = try #require(query.with?.tables.first)
        #expect(table.name.value == "revenue0")
        #expect(table.columnNames.map(\.value) == ["supplier_no", "total_revenue"])
    }

    @Test func query22ReadsSubstringFromFor() throws {
        let query = try Parser.parseQuery(try tpchQueryText(22))
        #expect(query.description.contains("substring(c_phone, 1, 2) IN ('13', '31', '23', '29', '30', '18', '17')"))
    }

    @Test func allQueriesParseAsOneScript() throws {
        var script = ""
        for number in 1...22 { script += try tpchQueryText(number) + "\n" }
        #expect(try Parser.parseStatements(script).count == 22)
    }
}
