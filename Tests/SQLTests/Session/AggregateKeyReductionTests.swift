import SluiceCore
import Testing
@testable import SQL

/// A grouped aggregate read by a join is narrowed to the keys a small filtered table allows,
/// without changing any answer.
@Suite struct AggregateKeyReductionTests {
    /// 100 items, 10 of them `rare`; 4,000 sales of `item = row % 100` with quantity `row % 37`.
    static func withSales(_ body: (SQLSession) throws -> Void) throws {
        try SessionTestSupport.withSession { session in
            _ = try session.executeScript("""
                CREATE TABLE items (i_id INT, i_kind VARCHAR);
                CREATE TABLE sales (sa_item INT, sa_quantity INT);
                \(JoinOrderTests.insert("items", count: 100) { "\($0), '\($0 % 10 == 3 ? "rare" : "common")'" })
                \(JoinOrderTests.insert("sales", count: 4000) { "\($0 % 100), \($0 % 37)" })
                """)
            try body(session)
        }
    }

    @Test func aCorrelatedAverageGroupsOnlyTheKeysOfTheFilteredTable() throws {
        try Self.withSales { session in
            // TPC-H Q17's shape: sales below a fifth of their item's average, for rare items.
            let query = """
                SELECT sum(sa_quantity) FROM sales, items
                WHERE sa_item = i_id AND i_kind = 'rare'
                  AND sa_quantity < (SELECT 0.5 * avg(s2.sa_quantity) FROM sales s2 WHERE s2.sa_item = i_id)
                """
            let lines = SessionTestSupport.rows(try session.execute("EXPLAIN ANALYZE " + query))
            // The aggregate groups the 10 rare items only (not 100), its input semi-joined with them.
            #expect(SessionTestSupport.analyzedRowCounts(lines, of: "HashAggregate keys") == [10], "\(lines)")
            #expect(lines.contains { $0.contains("HashJoin semi") || $0.contains("HashJoin right_semi") }, "\(lines)")
            var quantities: [Int: [Int]] = [:]
            for row in 0..<4000 { quantities[row % 100, default: []].append(row % 37) }
            var expected = 0
            for item in stride(from: 3, to: 100, by: 10) {
                let values = quantities[item]!
                let limit = 0.5 * Double(values.reduce(0, +)) / Double(values.count)
                expected += values.filter { Double($0) < limit }.reduce(0, +)
            }
            #expect(SessionTestSupport.rows(try session.execute(query)) == ["\(expected)"])
        }
    }

    @Test func anUnfilteredTableOrAPreservedAggregateKeepsEveryGroup() throws {
        try Self.withSales { session in
            // Every item is allowed: nothing to drop, no second read.
            let everyItem = """
                SELECT count(*) FROM items, (SELECT sa_item, count(*) AS n FROM sales GROUP BY sa_item) AS counts
                WHERE i_id = sa_item
                """
            let plan = try SessionTestSupport.plan(session, everyItem)
            #expect(!plan.contains { $0.contains("semi") }, "\(plan)")
            #expect(SessionTestSupport.rows(try session.execute(everyItem)) == ["100"])
            // The aggregate is the preserved side of a left join: all 100 groups stay.
            let preserved = """
                SELECT count(*), count(i_id) FROM (SELECT sa_item, count(*) AS n FROM sales GROUP BY sa_item) AS counts
                LEFT JOIN (SELECT * FROM items WHERE i_kind = 'rare') AS rare ON i_id = sa_item
                """
            #expect(SessionTestSupport.rows(try session.execute(preserved)) == ["100|10"])
        }
    }
}
