import Foundation
import SluiceCore
@testable import SQL

/// A session over a fresh warehouse folder, removed after the body.
enum SessionTestSupport {
    static func withSession<T>(threadCount: Int = 2, _ body: (SQLSession) throws -> T) throws -> T {
        let root = NSTemporaryDirectory() + "sluice-sql-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let session = SQLSession(catalog: WarehouseCatalog(root: root), context: ExecutionContext(threadCount: threadCount))
        return try body(session)
    }

    /// The rows of a result as texts, one string per row with values separated by `|`.
    static func rows(_ result: QueryResult) -> [String] {
        let batch = result.combined
        return (0..<batch.rowCount).map { row in batch.row(row).map(\.description).joined(separator: "|") }
    }

    /// The `rows=` counts of the `EXPLAIN ANALYZE` lines that contain `operatorText`, top down.
    static func analyzedRowCounts(_ lines: [String], of operatorText: String) -> [Int] {
        lines.filter { $0.contains(operatorText) }.compactMap { line in
            guard let range = line.range(of: "rows=") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
    }

    /// The lines of `EXPLAIN`.
    static func plan(_ session: SQLSession, _ sql: String) throws -> [String] {
        rows(try session.execute("EXPLAIN " + sql))
    }

    /// Small TPC-H-shaped tables (empty or a few rows) for plan and fuzz tests.
    static func createTPCHTables(_ session: SQLSession, rows: Bool) throws {
        _ = try session.executeScript("""
            CREATE TABLE region (r_regionkey INT NOT NULL, r_name VARCHAR, r_comment VARCHAR);
            CREATE TABLE nation (n_nationkey INT NOT NULL, n_name VARCHAR, n_regionkey INT, n_comment VARCHAR);
            CREATE TABLE customer (c_custkey BIGINT NOT NULL, c_name VARCHAR, c_address VARCHAR, c_nationkey INT,
                c_phone VARCHAR, c_acctbal DECIMAL(15,2), c_mktsegment VARCHAR, c_comment VARCHAR);
            CREATE TABLE orders (o_orderkey BIGINT NOT NULL, o_custkey BIGINT, o_orderstatus VARCHAR,
                o_totalprice DECIMAL(15,2), o_orderdate DATE, o_orderpriority VARCHAR, o_clerk VARCHAR,
                o_shippriority INT, o_comment VARCHAR);
            CREATE TABLE lineitem (l_orderkey BIGINT NOT NULL, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber INT,
                l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax DECIMAL(15,2),
                l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE,
                l_shipinstruct VARCHAR, l_shipmode VARCHAR, l_comment VARCHAR);
            CREATE TABLE part (p_partkey BIGINT NOT NULL, p_name VARCHAR, p_mfgr VARCHAR, p_brand VARCHAR, p_type VARCHAR,
                p_size INT, p_container VARCHAR, p_retailprice DECIMAL(15,2), p_comment VARCHAR);
            CREATE TABLE supplier (s_suppkey BIGINT NOT NULL, s_name VARCHAR, s_address VARCHAR, s_nationkey INT,
                s_phone VARCHAR, s_acctbal DECIMAL(15,2), s_comment VARCHAR);
            CREATE TABLE partsupp (ps_partkey BIGINT NOT NULL, ps_suppkey BIGINT NOT NULL, ps_availqty INT,
                ps_supplycost DECIMAL(15,2), ps_comment VARCHAR);
            """)
        guard rows else { return }
        _ = try session.executeScript("""
            INSERT INTO region VALUES (0, 'AFRICA', 'x'), (1, 'AMERICA', 'y'), (2, 'ASIA', 'z');
            INSERT INTO nation VALUES (0, 'ALGERIA', 0, 'a'), (1, 'ARGENTINA', 1, 'b'), (2, 'BRAZIL', 1, 'c'), (3, 'CHINA', 2, 'd');
            INSERT INTO customer VALUES (1, 'Customer#1', 'addr', 1, '11-111', 100.00, 'BUILDING', 'c1'),
                (2, 'Customer#2', 'addr', 2, '13-222', -5.50, 'MACHINERY', 'c2');
            INSERT INTO orders VALUES (10, 1, 'F', 1000.00, DATE '1995-03-01', '1-URGENT', 'Clerk#1', 0, 'o1'),
                (11, 2, 'O', 250.25, DATE '1996-07-15', '5-LOW', 'Clerk#2', 0, 'special requests');
            INSERT INTO lineitem VALUES (10, 100, 1000, 1, 5.00, 500.00, 0.05, 0.01, 'R', 'F', DATE '1995-03-10', DATE '1995-03-05', DATE '1995-03-20', 'NONE', 'AIR', 'l1'),
                (10, 101, 1001, 2, 7.00, 700.00, 0.00, 0.02, 'N', 'O', DATE '1995-04-01', DATE '1995-04-10', DATE '1995-04-02', 'NONE', 'MAIL', 'l2'),
                (11, 100, 1000, 1, 1.00, 100.25, 0.10, 0.00, 'N', 'O', DATE '1996-08-01', DATE '1996-07-30', DATE '1996-08-05', 'DELIVER IN PERSON', 'SHIP', 'l3');
            INSERT INTO part VALUES (100, 'green forest', 'Manufacturer#1', 'Brand#12', 'PROMO BRUSHED STEEL', 15, 'SM BOX', 900.00, 'p1'),
                (101, 'red dodger', 'Manufacturer#2', 'Brand#23', 'ECONOMY ANODIZED STEEL', 5, 'MED BAG', 901.00, 'p2');
            INSERT INTO supplier VALUES (1000, 'Supplier#1', 'addr', 1, '11-000', 10.00, 's1'),
                (1001, 'Supplier#2', 'addr', 3, '13-000', 20.00, 'Customer Complaints');
            INSERT INTO partsupp VALUES (100, 1000, 10, 5.00, 'ps1'), (101, 1001, 20, 6.00, 'ps2');
            """)
    }
}
