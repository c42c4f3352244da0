import SluiceCore
import Testing
@testable import SQL

@Suite struct ExpressionTestsLike {
    private func like(_ value: String, _ pattern: String, escape: Character? = nil) throws -> Bool {
        let batch = try TestBatch.single("s", .string, [.string(value)])
        let expression = PhysicalExpression.like(col(batch, 0), pattern: text(pattern), escape: escape, negated: false)
        let viaColumn = try evaluated(expression, batch)[0]
        let viaFilter = try ExpressionEvaluator.select(expression, on: batch) == [0]
        let negated = PhysicalExpression.like(col(batch, 0), pattern: text(pattern), escape: escape, negated: true)
        let negatedValue = try evaluated(negated, batch)[0]
        #expect(viaColumn == .boolean(viaFilter))
        #expect(negatedValue == .boolean(!viaFilter))
        // The pattern as a column (compiled per row) agrees with the literal pattern.
        let both = try TestBatch.make([("s", .string, [.string(value)]), ("p", .string, [.string(pattern)])])
        let perRow = try evaluated(.like(col(both, 0), pattern: col(both, 1), escape: escape, negated: false), both)[0]
        #expect(perRow == viaColumn)
        return viaFilter
    }

    @Test func tpchPatterns() throws {
        #expect(try like("forest green lace", "%green%"))
        #expect(try !like("forest gree", "%green%"))
        #expect(try like("PROMO BRUSHED TIN", "PROMO%"))
        #expect(try !like("SMALL PROMO", "PROMO%"))
        #expect(try like("forest", "forest%"))
        #expect(try like("xx Customer yy Complaints zz", "%Customer%Complaints%"))
        #expect(try !like("xx Complaints yy Customer", "%Customer%Complaints%"))
        #expect(try like("Customer Complaints", "%Customer%Complaints%"))
        #expect(try !like("CustomerComplaint", "%Customer%Complaints%"))
        #expect(try like("LARGE BRUSHED BRASS", "%BRASS"))
        #expect(try like("MED BOX", "MED BOX"))
        #expect(try !like("MED BOXES", "MED BOX"))
    }

    @Test func wildcardsAndAnchors() throws {
        #expect(try like("", "%"))
        #expect(try like("", ""))
        #expect(try !like("a", ""))
        #expect(try like("abc", "a_c"))
        #expect(try !like("abbc", "a_c"))
        #expect(try like("abbc", "a%c"))
        #expect(try like("abcabc", "%abc"))
        #expect(try like("aXbXc", "a%b%c"))
        #expect(try !like("ab", "a%b%b"))
        #expect(try like("abab", "a%b%b"))
        #expect(try like("mississippi", "%iss%ppi"))
        #expect(try like("mississippi", "m%_s_%i"))
        #expect(try !like("ab", "___"))
        #expect(try like("abc", "%%c"))
        #expect(try !like("ABC", "abc"), "LIKE is case-sensitive")
    }

    @Test func escapes() throws {
        #expect(try like("100%", "100\\%", escape: "\\"))
        #expect(try !like("1000", "100\\%", escape: "\\"))
        #expect(try like("a_b", "a\\_b", escape: "\\"))
        #expect(try !like("axb", "a\\_b", escape: "\\"))
        #expect(try like("a\\b", "a\\\\b", escape: "\\"))
        #expect(try like("50% off", "%!%%", escape: "!"))
        #expect(try like("a%b", "a§%b", escape: "§"))
        let batch = try TestBatch.single("s", .string, [.string("x")])
        let message = errorMessage {
            _ = try ExpressionEvaluator.select(.like(col(batch, 0), pattern: text("abc\\"), escape: "\\", negated: false), on: batch)
        }
        #expect(message?.contains("ends with its escape character") == true)
    }

    @Test func unicodeCharactersCountOnce() throws {
        #expect(try like("é", "_"))
        #expect(try like("€x", "__"))
        #expect(try !like("€", "__"))
        // A `%` never resumes inside a multi-byte character.
        #expect(try !like("€", "%__"))
        #expect(try like("日本語", "_本_"))
        #expect(try like("日本語", "%語"))
        #expect(try like("naïve café", "%ï%é"))
        #expect(try !like("cafe", "caf_é"))
    }

    @Test func nullsAndFilters() throws {
        let batch = try TestBatch.single("s", .string, [.string("PROMO A"), .null, .string("STANDARD"), .string("PROMO B")])
        let s = col(batch, 0)
        #expect(try evaluated(.like(s, pattern: text("PROMO%"), escape: nil, negated: false), batch)
            == [.boolean(true), .null, .boolean(false), .boolean(true)])
        #expect(try evaluated(.like(s, pattern: lit(.null, .string), escape: nil, negated: false), batch) == Array(repeating: .null, count: 4))
        #expect(try ExpressionEvaluator.select(.like(s, pattern: text("PROMO%"), escape: nil, negated: true), on: batch) == [2])
        #expect(try ExpressionEvaluator.select(.like(s, pattern: text("%A%"), escape: nil, negated: false), on: batch, within: [1, 2]) == [2])
    }
}
