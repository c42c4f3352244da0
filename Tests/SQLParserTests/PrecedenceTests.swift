import Testing
@testable import SQLParser

/// Each pair reads the same once precedence is applied; parentheses make no nodes, so the trees
/// must be equal. Each case also round-trips through the printer.
@Suite struct PrecedenceTests {
    static let equivalent: [(implicit: String, explicit: String)] = [
        ("a OR b AND c", "a OR (b AND c)"),
        ("a AND b OR c AND d", "(a AND b) OR (c AND d)"),
        ("NOT a AND b", "(NOT a) AND b"),
        ("NOT a = b", "NOT (a = b)"),
        ("NOT NOT a", "NOT (NOT a)"),
        ("a = b AND c < d", "(a = b) AND (c < d)"),
        ("a + b * c", "a + (b * c)"),
        ("a - b - c", "(a - b) - c"),
        ("a / b * c % d", "((a / b) * c) % d"),
        ("a || b + c", "a || (b + c)"),
        ("a || b = c || d", "(a || b) = (c || d)"),
        ("-a * b", "(-a) * b"),
        ("-a::int", "-(a::int)"),
        ("a + b::int", "a + (b::int)"),
        ("a + b IS NULL", "(a + b) IS NULL"),
        ("a IS NOT NULL AND b IS NULL", "(a IS NOT NULL) AND (b IS NULL)"),
        ("a BETWEEN b + 1 AND c * 2 AND d", "(a BETWEEN (b + 1) AND (c * 2)) AND d"),
        ("a NOT BETWEEN 1 AND 2 OR b", "(a NOT BETWEEN 1 AND 2) OR b"),
        ("a || b LIKE c || d", "(a || b) LIKE (c || d)"),
        ("NOT a LIKE 'x%'", "NOT (a LIKE 'x%')"),
        ("a + 1 IN (1, 2) AND b", "((a + 1) IN (1, 2)) AND b"),
        ("NOT EXISTS (SELECT 1) OR a", "(NOT (EXISTS (SELECT 1))) OR a"),
        ("a = 1 = b", "(a = 1) = b"),
        ("a < b OR c >= d AND e <> f", "(a < b) OR ((c >= d) AND (e <> f))"),
        ("a IS DISTINCT FROM b AND c", "(a IS DISTINCT FROM b) AND c"),
    ]

    @Test(arguments: equivalent)
    func readsLikeTheParenthesizedForm(pair: (implicit: String, explicit: String)) throws {
        #expect(try expression(pair.implicit) == expression(pair.explicit))
        try expectRoundTrip("SELECT " + pair.implicit)
    }

    @Test func distinguishesDifferentGroupings() throws {
        #expect(try expression("a + b * c") != expression("(a + b) * c"))
        #expect(try expression("a OR b AND c") != expression("(a OR b) AND c"))
        #expect(try expression("a - b - c") != expression("a - (b - c)"))
        #expect(try expression("NOT a AND b") != expression("NOT (a AND b)"))
    }

    @Test func printsOnlyTheNeededParentheses() throws {
        #expect(try expression("(a + b) * c").description == "(a + b) * c")
        #expect(try expression("a - (b - c)").description == "a - (b - c)")
        #expect(try expression("((a)) + ((b))").description == "a + b")
        #expect(try expression("a OR b AND c").description == "a OR (b AND c)")
        #expect(try expression("NOT (a AND b)").description == "NOT (a AND b)")
        #expect(try expression("- -a").description == "- -a")
        #expect(try expression("-(-1)").description == "- -1")
        #expect(try expression("a - -1").description == "a - -1")
        #expect(try expression("(a = b) IS NULL").description == "a = b IS NULL")
    }

    @Test func setOperationsGiveIntersectPriority() throws {
        let mixed = try Parser.parseQuery("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4")
        guard case .setOperation(let except) = mixed.body, except.op == .except,
              case .setOperation(let union) = except.left, union.op == .union,
              case .setOperation(let intersect) = union.right, intersect.op == .intersect
        else {
            Issue.record("wrong grouping: \(mixed)")
            return
        }
        try expectRoundTrip("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4")
    }

    @Test func parenthesizedQueriesOverridePrecedence() throws {
        let query = try Parser.parseQuery("(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3")
        guard case .setOperation(let intersect) = query.body, intersect.op == .intersect,
              case .setOperation(let union) = intersect.left
        else {
            Issue.record("wrong grouping: \(query)")
            return
        }
        #expect(union.op == .union && !union.isAll)
        #expect(query.description == "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3")
        #expect(try Parser.parseQuery("SELECT 1 UNION (SELECT 2 UNION SELECT 3)").description == "SELECT 1 UNION (SELECT 2 UNION SELECT 3)")
        #expect(try Parser.parseQuery("((SELECT 1)) UNION (SELECT 2)").description == "SELECT 1 UNION SELECT 2")
        try expectRoundTrip("(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3")
        // A query with its own clauses keeps its parentheses as a node.
        let limited = try Parser.parseQuery("SELECT 1 UNION ALL (SELECT 2 ORDER BY 1 LIMIT 1) ORDER BY 1")
        guard case .setOperation(let unionAll) = limited.body, case .parenthesized(let inner) = unionAll.right else {
            Issue.record("lost the parenthesized query: \(limited)")
            return
        }
        #expect(inner.limit != nil && limited.orderBy.count == 1)
        try expectRoundTrip("SELECT 1 UNION ALL (SELECT 2 ORDER BY 1 LIMIT 1) ORDER BY 1")
    }

    @Test func printerAddsParenthesesForTreesBuiltInCode() throws {
        let one = QueryBody.select(Select(items: [.expression(.literal(.integer("1"), .unknown), alias: nil, .unknown)]))
        let union = QueryBody.setOperation(SetOperation(op: .union, isAll: false, left: one, right: one))
        let intersect = SetOperation(op: .intersect, isAll: true, left: union, right: one)
        #expect(intersect.description == "(SELECT 1 UNION SELECT 1) INTERSECT ALL SELECT 1")
        let sum = Expression.binary(.add, .column(QualifiedName(["a"])), .column(QualifiedName(["b"])), .unknown)
        let product = Expression.binary(.multiply, sum, .column(QualifiedName(["c"])), .unknown)
        #expect(product.description == "(a + b) * c")
        #expect(try expression(product.description) == product)
    }
}
