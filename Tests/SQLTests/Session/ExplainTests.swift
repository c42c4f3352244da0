import SluiceCore
import Testing
@testable import SQL

/// The optimizer's rules, each seen through `EXPLAIN`: what the plan does after them.
@Suite struct ExplainTests {
    @Test func filtersAndNeededColumnsGoIntoTheScan() throws {
        try SessionTestSupport.withSession { session in
            try SessionTestSupport.createTPCHTables(session, rows: true)
            let plan = try SessionTestSupport.plan(session, """
                SELECT l_orderkey FROM lineitem WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY AND l_quantity > 1
                """)
            #expect(plan.count == 2, "\(plan)")
            let scan = try #require(plan.last)
            #expect(scan.contains("TableScan lineitem"))
            // Projection pruning: only the columns the query reads.
            #expect(scan.contains("columns: [l_orderkey, l_quantity, l_shipdate]") || scan.contains("columns: [l_orderkey, l_shipdate, l_quantity]"), "\(scan)")
            // Constant folding made one DATE literal of the date arithmetic; pushdown put it in the scan.
            #expect(scan.contains("1998-09-02"), "\(scan)")
            #expect(!plan.contains { $0.trimmed.hasPrefix("Filter") }, "\(plan)")
        }
    }

    @Test func orderByWithLimitIsATopN() throws {
        try SessionTestSupport.withSession { session in
            try SessionTestSupport.createTPCHTables(session, rows: true)
            let plan = try SessionTestSupport.plan(session, "SELECT o_orderkey FROM orders ORDER BY o_totalprice DESC LIMIT 5")
            #expect(plan.first?.hasPrefix("Projection") == true || plan.first?.hasPrefix("TopN") == true, "\(plan)")
            #expect(plan.contains { $0.trimmed.hasPrefix("TopN") && $0.contains("limit: 5") }, "\(plan)")
            #expect(!plan.contains { $0.trimmed.hasPrefix("Limit") }, "\(plan)")
        }
    }

    @Test func commaJoinsBecomeHashJoinsOnTheirWhereConditions() throws {
        try SessionTestSupport.withSession { session in
            try SessionTestSupport.createTPCHTables(session, rows: true)
            let plan = try SessionTestSupport.plan(session, """
                SELECT l_orderkey, sum(l_extendedprice) FROM customer, orders, lineitem
                WHERE c_mktsegment = 'BUILDING' AND c_custkey = o_custkey AND l_orderkey = o_orderkey
                GROUP BY l_orderkey
                """)
            #expect(plan.filter { $0.trimmed.hasPrefix("HashJoin") }.count == 2, "\(plan)")
            #expect(!plan.contains { $0.contains("NestedLoopJoin") }, "\(plan)")
            #expect(plan.contains { $0.contains("TableScan customer") && $0.contains("BUILDING") }, "\(plan)")
        }
    }

    @Test func aConditionInEveryBranchOfAnOrBecomesAJoinKey() throws {
        try SessionTestSupport.withSession { session in
            try SessionTestSupport.createTPCHTables(session, rows: true)
            let plan = try SessionTestSupport.plan(session, """
                SELECT sum(l_extendedprice) FROM lineitem, part
                WHERE (p_partkey = l_partkey AND p_brand = 'Brand#12' AND l_quantity >= 1)
                   OR (p_partkey = l_partkey AND p_brand = 'Brand#23' AND l_quantity >= 10)
                """)
            #expect(plan.contains { $0.trimmed.hasPrefix("HashJoin") }, "\(plan)")
            #expect(!plan.contains { $0.contains("NestedLoopJoin") }, "\(plan)")
            // The brands each branch allows, as a filter on part alone.
            #expect(plan.contains { $0.contains("TableScan part") && $0.contains("Brand#12") && $0.contains("Brand#23") }, "\(plan)")
        }
    }

    @Test func correlatedSubqueriesBecomeJoins() throws {
        try SessionTestSupport.withSession { session in
            try SessionTestSupport.createTPCHTables(session, rows: true)
            let plan = try SessionTestSupport.plan(session, """
                SELECT sum(l_extendedprice) FROM lineitem, part
                WHERE p_partkey = l_partkey
                  AND l_quantity < (SELECT 0.2 * avg(l_quantity) FROM lineitem WHERE l_partkey = p_partkey)
                """)
            #expect(plan.contains { $0.contains("HashJoin") && $0.contains("single") }, "\(plan)")
            let exists = try SessionTestSupport.plan(session, """
                SELECT o_orderpriority FROM orders
                WHERE EXISTS (SELECT * FROM lineitem WHERE l_orderkey = o_orderkey AND l_commitdate < l_receiptdate)
                """)
            #expect(exists.contains { $0.contains("HashJoin") && $0.contains("semi") }, "\(exists)")
        }
    }

    @Test func existsBuildsItsHashTableOnTheSmallerSide() throws {
        try SessionTestSupport.withSession { session in
            let bigRows = (0..<200).map { "(\($0 % 50), \($0))" }.joined(separator: ", ")
            _ = try session.executeScript("""
                CREATE TABLE few (k INT, name VARCHAR);
                CREATE TABLE many (k INT, v INT);
                INSERT INTO few VALUES (1, 'one'), (7, 'seven'), (60, 'sixty'), (NULL, 'none');
                INSERT INTO many VALUES \(bigRows);
                """)
            // The preserved side is the small one: it is built, the subquery's rows stream past.
            let exists = "SELECT name FROM few WHERE EXISTS (SELECT * FROM many WHERE many.k = few.k AND v > 100)"
            #expect(try SessionTestSupport.plan(session, exists).contains { $0.contains("HashJoin right_semi") })
            #expect(SessionTestSupport.rows(try session.execute(exists + " ORDER BY name")) == ["one", "seven"])
            let notExists = "SELECT name FROM few WHERE NOT EXISTS (SELECT * FROM many WHERE many.k = few.k AND v > 100)"
            #expect(try SessionTestSupport.plan(session, notExists).contains { $0.contains("HashJoin right_anti") })
            #expect(SessionTestSupport.rows(try session.execute(notExists + " ORDER BY name")) == ["none", "sixty"])
            // A residual over both sides decides the match in either direction.
            let residual = "SELECT name FROM few WHERE EXISTS (SELECT * FROM many WHERE many.k = few.k AND v > few.k * 20 + 100)"
            #expect(SessionTestSupport.rows(try session.execute(residual + " ORDER BY name")) == ["one"])
            // The other way round the subquery is built, as before.
            let large = "SELECT v FROM many WHERE EXISTS (SELECT * FROM few WHERE few.k = many.k)"
            let plan = try SessionTestSupport.plan(session, large)
            #expect(plan.contains { $0.contains("HashJoin semi") }, "\(plan)")
            #expect(SessionTestSupport.rows(try session.execute("SELECT count(*) FROM (\(large))")) == ["8"])
        }
    }

    @Test func explainAnalyzeCountsRowsPerOperator() throws {
        try SessionTestSupport.withSession { session in
            try SessionTestSupport.createTPCHTables(session, rows: true)
            let lines = SessionTestSupport.rows(try session.execute("EXPLAIN ANALYZE SELECT count(*) FROM lineitem WHERE l_quantity > 2"))
            #expect(lines.contains { $0.contains("TableScan lineitem") && $0.contains("rows=2") }, "\(lines)")
            #expect(lines.contains { $0.contains("HashAggregate") && $0.contains("rows=1") }, "\(lines)")
        }
    }
}
