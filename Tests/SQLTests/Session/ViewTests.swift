import SluiceCore
import Testing
@testable import SQL

/// `CREATE VIEW` / `DROP VIEW`: stored views read their tables afresh, compose, and refuse
/// what would make them wrong.
@Suite struct ViewTests {
    private func rows(_ session: SQLSession, _ sql: String) throws -> [String] {
        SessionTestSupport.rows(try session.execute(sql))
    }

    @Test func viewMergesTwoTablesAndSeesNewRows() throws {
        try SessionTestSupport.withSession { session in
            _ = try session.executeScript("""
                CREATE TABLE batch_view (page VARCHAR, views BIGINT);
                CREATE TABLE speed_view (page VARCHAR, views BIGINT);
                INSERT INTO batch_view VALUES ('/a', 3), ('/b', 1);
                INSERT INTO speed_view VALUES ('/a', 2);
                CREATE VIEW serving AS
                    SELECT page, SUM(views) AS views FROM (SELECT * FROM batch_view UNION ALL SELECT * FROM speed_view) GROUP BY page;
                """)
            #expect(try rows(session, "SELECT * FROM serving ORDER BY page") == ["/a|5", "/b|1"])
            _ = try session.execute("INSERT INTO speed_view VALUES ('/c', 4)")
            #expect(try rows(session, "SELECT page, views FROM serving WHERE views > 2 ORDER BY page") == ["/a|5", "/c|4"])
            #expect(try rows(session, "SHOW TABLES") == ["batch_view", "serving", "speed_view"])
            let described = try rows(session, "DESCRIBE serving")
            #expect(described.count == 2 && described[0].hasPrefix("page|") && described[1].hasPrefix("views|"))
        }
    }

    @Test func viewsComposeRenameAndSeeNoOuterCommonTables() throws {
        try SessionTestSupport.withSession { session in
            _ = try session.executeScript("""
                CREATE TABLE t (x BIGINT);
                INSERT INTO t VALUES (1), (2), (3);
                CREATE VIEW doubled (y) AS SELECT x * 2 FROM t;
                CREATE VIEW big AS SELECT y FROM doubled WHERE y > 2;
                """)
            #expect(try rows(session, "SELECT y FROM big ORDER BY y") == ["4", "6"])
            #expect(try rows(session, "SELECT b.y FROM big AS b JOIN doubled d ON b.y = d.y ORDER BY 1") == ["4", "6"])
            // A common table named like the view's table does not leak into the view.
            #expect(try rows(session, "WITH t AS (SELECT 100 AS x) SELECT y FROM doubled ORDER BY y") == ["2", "4", "6"])
            _ = try session.execute("CREATE OR REPLACE VIEW doubled (y) AS SELECT x * 3 FROM t")
            #expect(try rows(session, "SELECT y FROM big ORDER BY y") == ["3", "6", "9"])
        }
    }

    @Test func refusals() throws {
        try SessionTestSupport.withSession { session in
            _ = try session.executeScript("CREATE TABLE t (x BIGINT); CREATE VIEW v AS SELECT x FROM t;")
            #expect(throws: SluiceError.self) { _ = try session.execute("CREATE VIEW v AS SELECT 1") }
            _ = try session.execute("CREATE VIEW IF NOT EXISTS v AS SELECT 1")
            #expect(throws: SluiceError.self) { _ = try session.execute("CREATE VIEW t AS SELECT 1") }
            #expect(throws: SluiceError.self) { _ = try session.execute("CREATE TABLE v (x BIGINT)") }
            #expect(throws: SluiceError.self) { _ = try session.execute("CREATE VIEW w AS SELECT nope FROM t") }
            #expect(throws: SluiceError.self) { _ = try session.execute("SELECT * FROM v VERSION AS OF 0") }
            #expect(throws: SluiceError.self) { _ = try session.execute("DROP TABLE v") }
            // A view whose table went away names the view.
            _ = try session.execute("CREATE VIEW gone AS SELECT x FROM t")
            _ = try session.execute("DROP TABLE t")
            do {
                _ = try session.execute("SELECT * FROM gone")
                Issue.record("a view over a dropped table must fail")
            } catch let error as SluiceError {
                #expect(error.message.contains("in view 'gone'"))
            }
            // A view that reads itself (made by replacing what it read) is refused, not looped.
            _ = try session.executeScript("CREATE TABLE base (x BIGINT); CREATE VIEW a AS SELECT x FROM base; CREATE VIEW b AS SELECT x FROM a;")
            _ = try session.execute("CREATE OR REPLACE VIEW a AS SELECT x FROM b")
            do {
                _ = try session.execute("SELECT * FROM a")
                Issue.record("a view cycle must fail")
            } catch let error as SluiceError {
                #expect(error.message.contains("reads itself"))
            }
            _ = try session.execute("DROP VIEW v")
            _ = try session.execute("DROP VIEW IF EXISTS v")
            #expect(throws: SluiceError.self) { _ = try session.execute("DROP VIEW v") }
        }
    }
}
