import Foundation
import SluiceCore
import Testing
@testable import SQL

/// Mutated TPC-H queries and random token sequences: each statement either runs or fails with
/// a `SluiceError`; none may crash the process, hang, or fail with another kind of error.
@Suite struct SQLFuzzTests {
    static let queryDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SQLParserTests/tpch").path

    static func tpchQueries() throws -> [String] {
        try (1...22).map { number in
            try String(contentsOfFile: queryDirectory + String(format: "/q%02d.sql", number), encoding: .utf8)
        }
    }

    static let vocabulary = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "JOIN", "LEFT", "ON", "AND", "OR", "NOT",
        "IN", "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END", "(", ")", ",", "*", "+", "-", "/", "%", "=", "<", ">=",
        "'x'", "0", "1", "-1", "2.5", "NULL", "DATE", "'1995-01-01'", "INTERVAL", "'3'", "DAY", "sum", "count", "avg",
        "l_quantity", "o_orderkey", "lineitem", "orders", "nation", "n_name", "AS", "DISTINCT", "UNION", "ALL", "WITH",
        "CAST", "INTEGER", "BETWEEN", "LIKE", "'%a%'", "IS", "OVER", "PARTITION", "row_number", "substring", ";",
    ]

    /// Whether the statement ran.
    @discardableResult
    static func check(_ session: SQLSession, _ sql: String) -> Bool {
        do {
            _ = try session.execute(sql)
            return true
        } catch is SluiceError {
            // A clear error is a fine answer to nonsense.
        } catch {
            Issue.record("not a SluiceError (\(type(of: error))): \(error)\nfor: \(sql)")
        }
        return false
    }

    @Test func mutatedTPCHQueriesNeverCrash() throws {
        let queries = try Self.tpchQueries()
        var random = SeededRandomGenerator(seed: 7)
        var ranCount = 0
        try SessionTestSupport.withSession { session in
            try SessionTestSupport.createTPCHTables(session, rows: true)
            for query in queries {
                #expect(Self.check(session, query), "the unmutated query must run")
                let words = query.split(whereSeparator: \.isWhitespace).map(String.init)
                for _ in 0..<12 {
                    var mutated = words
                    for _ in 0..<Int.random(in: 1...3, using: &random) where !mutated.isEmpty {
                        let index = Int.random(in: 0..<mutated.count, using: &random)
                        switch Int.random(in: 0..<4, using: &random) {
                        case 0: mutated.remove(at: index)
                        case 1: mutated.insert(mutated[index], at: index)
                        case 2: mutated[index] = Self.vocabulary.randomElement(using: &random)!
                        default:
                            let other = Int.random(in: 0..<mutated.count, using: &random)
                            mutated.swapAt(index, other)
                        }
                    }
                    if Self.check(session, mutated.joined(separator: " ")) { ranCount += 1 }
                }
            }
        }
        // Some mutations keep the query valid (a swapped pair of equal words, a duplicated
        // parenthesis that still balances...): those must have run through the whole engine.
        #expect(ranCount > 0)
    }

    @Test func randomTokenSequencesNeverCrash() throws {
        var random = SeededRandomGenerator(seed: 8)
        try SessionTestSupport.withSession { session in
            try SessionTestSupport.createTPCHTables(session, rows: true)
            for _ in 0..<400 {
                let count = Int.random(in: 1...24, using: &random)
                var words = ["SELECT"]
                for _ in 0..<count { words.append(Self.vocabulary.randomElement(using: &random)!) }
                Self.check(session, words.joined(separator: " "))
            }
        }
    }
}
