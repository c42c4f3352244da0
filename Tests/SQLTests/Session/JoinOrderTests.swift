import SluiceCore
import Testing
@testable import SQL

/// The join order the optimizer picks, seen through `EXPLAIN` and `EXPLAIN ANALYZE`.
@Suite struct JoinOrderTests {
    /// `INSERT INTO name VALUES ...` of `count` rows made by `row`.
    static func insert(_ name: String, count: Int, _ row: (Int) -> String) -> String {
        "INSERT INTO \(name) VALUES " + (0..<count).map { "(\(row($0)))" }.joined(separator: ", ") + ";"
    }

    /// The indentation of the first plan line containing `text`.
    static func depth(of text: String, in plan: [String]) throws -> Int {
        let line = try #require(plan.first { $0.contains(text) }, "\(text) in \(plan)")
        return line.prefix { $0 == " " }.count
    }

    @Test func aFilteredDimensionShrinksItsParentBeforeTheParentMeetsTheFacts() throws {
        try SessionTestSupport.withSession { session in
            _ = try session.executeScript("""
                CREATE TABLE facts (f_id BIGINT, f_item INT);
                CREATE TABLE items (i_id INT, i_group INT);
                CREATE TABLE groups (g_id INT, g_name VARCHAR);
                \(Self.insert("facts", count: 2000) { "\($0), \($0 % 100)" })
                \(Self.insert("items", count: 100) { "\($0), \($0 % 10)" })
                \(Self.insert("groups", count: 10) { "\($0), 'group \($0)'" })
                """)
            let query = "SELECT count(*) FROM facts, items, groups WHERE f_item = i_id AND i_group = g_id AND g_name = 'group 3'"
            let plan = try SessionTestSupport.plan(session, query)
            // items ⋈ groups is below the join with the facts: a bushy tree, which a greedy
            // order starting from the facts never makes.
            #expect(try Self.depth(of: "i_group = g_id", in: plan) > Self.depth(of: "f_item = i_id", in: plan), "\(plan)")
            #expect(SessionTestSupport.rows(try session.execute(query)) == ["200"])
        }
    }

    @Test func aManyToManyKeyIsNotTakenForAForeignKey() throws {
        // Customers and suppliers share five nation keys: joined to each other first they make
        // 300 × 100 / 5 = 6,000 rows, twice the sales. Taken for a foreign key (one supplier per
        // customer) that join looks like 300 rows and the cheapest start; the column statistics
        // show the nation keys have at most five values, so no join result outgrows the sales.
        try SessionTestSupport.withSession { session in
            _ = try session.executeScript("""
                CREATE TABLE sales (sa_customer INT, sa_supplier INT);
                CREATE TABLE customers (c_id INT, c_nation INT);
                CREATE TABLE suppliers (s_id INT, s_nation INT);
                \(Self.insert("sales", count: 3000) { "\($0 % 300), \(($0 * 7) % 100)" })
                \(Self.insert("customers", count: 300) { "\($0), \($0 % 5)" })
                \(Self.insert("suppliers", count: 100) { "\($0), \($0 % 5)" })
                """)
            let query = """
                SELECT count(*) FROM sales, customers, suppliers
                WHERE sa_customer = c_id AND sa_supplier = s_id AND c_nation = s_nation
                """
            let lines = SessionTestSupport.rows(try session.execute("EXPLAIN ANALYZE " + query))
            let joinRows = SessionTestSupport.analyzedRowCounts(lines, of: "HashJoin")
            #expect(joinRows.count == 2, "\(lines)")
            #expect(joinRows.allSatisfy { $0 <= 3000 }, "\(lines)")
            // Same nation when row % 5 == (row * 7) % 5, that is when row % 5 == 0.
            #expect(SessionTestSupport.rows(try session.execute(query)) == ["600"])
        }
    }
}
