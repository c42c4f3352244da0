import Testing
@testable import SQLParser
import SluiceCore

/// Seeded random inputs: the parser must return a tree or a syntax error, never trap or hang, and
/// every tree it returns must print as SQL that parses back to the same tree.
@Suite struct FuzzTests {
    /// A generous bound for one parse in an unoptimized build; real parses take microseconds.
    static let caseTimeMax = Duration.seconds(1)

    static let vocabulary: [String] = Keyword.allCases.map(\.sql) + [
        "a", "b", "t", "u", "l_orderkey", "t.a", "\"Quoted\"", "count", "sum", "read_parquet", "year", "day",
        "'x'", "'%y%'", "'1998-12-01'", "''", "0", "1", "42", "0.05", "1e3", "?", "$1", "$2",
        "(", ")", "(", ")", ",", ",", ";", ".", "*", "+", "-", "/", "%", "=", "<", "<=", "<>", ">", ">=", "!=", "||", "::",
    ]

    /// Parses `sql` under the time bound; a tree must survive printing and reparsing unchanged.
    /// Returns whether it parsed.
    @discardableResult
    static func check(_ sql: String, seed: UInt64) -> Bool {
        let clock = ContinuousClock()
        let started = clock.now
        defer {
            let elapsed = clock.now - started
            #expect(elapsed < caseTimeMax, "seed \(seed) took \(elapsed): \(sql)")
        }
        let statements: [Statement]
        do {
            statements = try Parser.parseStatements(sql)
        } catch {
            #expect(error.range.start.offset <= sql.utf8.count && error.range.start.line >= 1, "seed \(seed): \(sql)")
            #expect(!error.render(source: sql).isEmpty)
            return false
        }
        for statement in statements {
            let printed = statement.description
            do {
                let reparsed = try Parser.parseStatement(printed)
                #expect(reparsed == statement, "seed \(seed): \(sql)\nprinted: \(printed)")
            } catch {
                Issue.record("seed \(seed): printed form does not parse: \(error)\ninput: \(sql)\nprinted: \(printed)")
            }
        }
        return true
    }

    @Test func randomTokenSequences() {
        var parsedCount = 0
        for seed in UInt64(0)..<3000 {
            var random = SeededRandomGenerator(seed: seed)
            let length = Int.random(in: 1...40, using: &random)
            var words: [String] = random.chance(1, in: 2) ? ["SELECT"] : []
            for _ in 0..<length {
                words.append(Self.vocabulary.randomElement(using: &random)!)
            }
            if Self.check(words.joined(separator: " "), seed: seed) { parsedCount += 1 }
        }
        // Random sequences rarely form SQL, but some must, or the round-trip check checks nothing.
        #expect(parsedCount > 0)
    }

    @Test func randomCharacters() {
        let alphabet = Array("SELECT FROM WHERE abc xyz 0123456789 ()()(),;.*+-/%=<>!|:?$'\"'\"\n\t/*--éü☃")
        for seed in UInt64(0)..<2000 {
            var random = SeededRandomGenerator(seed: seed &+ 1_000_000)
            let length = Int.random(in: 0...80, using: &random)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
            Self.check(text, seed: seed)
        }
    }

    @Test(arguments: 1...22)
    func mutatedTPCHQueries(number: Int) throws {
        let text = try tpchQueryText(number)
        let original = try Lexer.tokenize(text).dropLast().map(\.text)
        var outcomes = (parsed: 0, failed: 0)
        for seed in UInt64(0)..<150 {
            var random = SeededRandomGenerator(seed: UInt64(number) << 32 | seed)
            var tokens = original
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                Self.mutate(&tokens, using: &random)
            }
            if Self.check(tokens.joined(separator: " "), seed: seed) {
                outcomes.parsed += 1
            } else {
                outcomes.failed += 1
            }
        }
        // Mutations both break queries and leave some valid (a duplicated comma, a swapped operand).
        #expect(outcomes.failed > 0)
        #expect(outcomes.parsed > 0, "q\(number): no mutation parsed")
    }

    /// Deletes, duplicates, swaps or replaces one token.
    static func mutate(_ tokens: inout [String], using random: inout SeededRandomGenerator) {
        guard !tokens.isEmpty else {
            tokens.append(vocabulary.randomElement(using: &random)!)
            return
        }
        let position = Int.random(in: 0..<tokens.count, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            tokens.remove(at: position)
        case 1:
            tokens.insert(tokens[position], at: position)
        case 2:
            let other = Int.random(in: 0..<tokens.count, using: &random)
            tokens.swapAt(position, other)
        default:
            tokens[position] = vocabulary.randomElement(using: &random)!
        }
    }
}
