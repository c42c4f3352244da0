import SluiceCore
import Testing
@testable import SQL

/// Plans the binder should never produce fail with an internal error, never with a trap.
@Suite struct ExpressionTestsMalformedPlans {
    @Test func bindingMistakesAreInternalErrors() throws {
        let batch = try TestBatch.make([("i", .int32, [.int32(1)]), ("d", .date, [dateValue("2000-01-01")]), ("f", .boolean, [.boolean(true)])])
        let i = col(batch, 0), d = col(batch, 1), f = col(batch, 2)
        let malformed: [PhysicalExpression] = [
            .and([f, i]),
            .not(i),
            .column(index: 7, type: .int32, name: "missing"),
            .column(index: 0, type: .int64, name: "i"),
            .literal(.string("x"), .int32),
            .arithmetic(.add, i, i, resultType: .string),
            .comparison(.equal, d, f),
            .caseWhen(operand: nil, branches: [CaseBranch(when: i, then: i)], otherwise: nil, resultType: .int32),
            .function(.substring, [text("abc")], resultType: .string),
            .function(.extract(.year), [i], resultType: .int64),
            .function(.dateAddDays, [i, i], resultType: .int32),
        ]
        for expression in malformed {
            do {
                _ = try ExpressionEvaluator.evaluate(expression, on: batch)
                Issue.record("\(expression) evaluated")
            } catch let error as SluiceError {
                #expect(error.fault == .internal, "\(expression): \(error)")
            }
        }
        #expect(throws: SluiceError.self) { try ExpressionEvaluator.select(.or([f, i]), on: batch) }
    }
}
