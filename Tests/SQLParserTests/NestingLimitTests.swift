import Testing
@testable import SQLParser

/// Deeply nested input must end in a syntax error, never a stack overflow; nesting just under the
/// limit must parse, print and compare.
@Suite struct NestingLimitTests {
    static let tooDeep: [(name: String, sql: String)] = [
        ("parentheses", "SELECT " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)),
        ("unclosed parentheses", "SELECT " + String(repeating: "(", count: 100_000)),
        ("NOT chain", "SELECT " + String(repeating: "NOT ", count: 100_000) + "a"),
        ("minus chain", "SELECT " + String(repeating: "- ", count: 100_000) + "a"),
        ("addition chain", "SELECT " + String(repeating: "1 + ", count: 100_000) + "1"),
        ("cast chain", "SELECT a" + String(repeating: "::int", count: 100_000)),
        ("scalar subqueries", "SELECT " + String(repeating: "(SELECT ", count: 20_000) + "1" + String(repeating: ")", count: 20_000)),
        ("derived tables", "SELECT * FROM " + String(repeating: "(SELECT * FROM ", count: 20_000) + "t" + String(repeating: ")", count: 20_000)),
        ("union chain", String(repeating: "SELECT 1 UNION ", count: 20_000) + "SELECT 1"),
        ("join chain", "SELECT * FROM t" + String(repeating: " JOIN t ON TRUE", count: 20_000)),
        ("parenthesized joins", "SELECT * FROM " + String(repeating: "(", count: 20_000) + "t"),
        ("explain chain", String(repeating: "EXPLAIN ", count: 20_000) + "SELECT 1"),
        ("CASE nesting", "SELECT " + String(repeating: "CASE WHEN a THEN ", count: 20_000) + "1" + String(repeating: " END", count: 20_000)),
        ("function nesting", "SELECT " + String(repeating: "f(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)),
    ]

    @Test(arguments: tooDeep)
    func tooDeepIsASyntaxError(example: (name: String, sql: String)) throws {
        let error = try #require(syntaxError(example.sql))
        #expect(error.message.hasPrefix("query nests too deeply"), "\(example.name): \(error.message)")
    }

    @Test func justUnderTheLimitParsesPrintsAndCompares() throws {
        let depth = Parser.nestingDepthMaxDefault - 10
        let parentheses = "SELECT " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        try expectRoundTrip(parentheses)
        let chain = "SELECT " + String(repeating: "1 + ", count: depth) + "1"
        try expectRoundTrip(chain)
        let nested = "SELECT " + String(repeating: "-(1 + ", count: depth / 5) + "1" + String(repeating: ")", count: depth / 5)
        try expectRoundTrip(nested)
        let subqueries = "SELECT " + String(repeating: "(SELECT ", count: depth / 4) + "1" + String(repeating: ")", count: depth / 4)
        try expectRoundTrip(subqueries)
    }

    @Test func theLimitIsConfigurable() throws {
        let sql = "SELECT " + String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(throws: SQLSyntaxError.self) { try Parser.parseStatement(sql, nestingDepthMax: 40) }
        #expect(try Parser.parseStatement(sql, nestingDepthMax: 60).description == "SELECT 1")
    }

    @Test func theStackBoundHoldsWhateverTheDepthLimit() throws {
        let sql = "SELECT " + String(repeating: "(SELECT f(", count: 50_000) + "1"
        do {
            _ = try Parser.parseStatement(sql, nestingDepthMax: .max)
            Issue.record("parsed")
        } catch {
            #expect(error.message.hasPrefix("query nests too deeply: its parentheses, subqueries or chained operators need more than 2 MiB"))
        }
    }

    @Test func longFlatListsAreNotNesting() throws {
        let values = (0..<100_000).map(String.init).joined(separator: ", ")
        let statement = try Parser.parseStatement("SELECT a FROM t WHERE a IN (\(values))")
        guard case .query(let query) = statement, case .select(let select) = query.body,
              case .inList(_, let list, _, _) = select.whereClause
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(list.count == 100_000)
        let columns = (0..<20_000).map { "c\($0)" }.joined(separator: ", ")
        #expect(try SQLParserTests.select("SELECT \(columns) FROM t").items.count == 20_000)
        let rows = Array(repeating: "(1, 'x')", count: 20_000).joined(separator: ", ")
        #expect(try Parser.parseStatements("INSERT INTO t VALUES \(rows)").count == 1)
    }
}
