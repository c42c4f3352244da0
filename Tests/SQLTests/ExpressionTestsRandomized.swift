import SluiceCore
import Testing
@testable import SQL

/// Random batches and expressions, evaluated by the vectorized evaluator and, row by row, by
/// `ReferenceEvaluator`: values must agree, and both must fail or neither. Filters are checked
/// with random input selections.
@Suite struct ExpressionTestsRandomized {
    @Test(arguments: 0..<4)
    func vectorizedAgreesWithReference(shard: Int) throws {
        var failures = 0
        var outcomes = (values: 0, errors: 0)
        for seed in UInt64(shard * 150)..<UInt64(shard * 150 + 150) {
            var generator = RandomExpressionGenerator(seed: seed)
            let batch = generator.batch
            let reference = ReferenceEvaluator(batch: batch)
            let expressions = [generator.numeric(3), generator.numeric(2), generator.boolean(3), generator.string(2), generator.date(2)]
            for expression in expressions {
                let vectorized = Result { try ExpressionEvaluator.evaluate(expression, on: batch) }
                let expected = Result { try (0..<batch.rowCount).map { try reference.value(expression, $0) } }
                switch (vectorized, expected) {
                case (.success(let column), .success(let values)):
                    outcomes.values += 1
                    checkNullSlotsAreZero(column)
                    let actual = (0..<column.count).map { column[$0] }
                    if column.type != expression.type || !zip(actual, values).allSatisfy(same) {
                        failures += 1
                        let row = actual.indices.first { !same(actual[$0], values[$0]) } ?? 0
                        Issue.record("seed \(seed): \(expression) row \(row): \(actual[row]) expected \(values[row]) (\(batch.row(row)))")
                    }
                case (.failure, .failure):
                    outcomes.errors += 1
                case (.success, .failure(let error)):
                    failures += 1
                    Issue.record("seed \(seed): \(expression): the reference failed (\(error)), the evaluator did not")
                case (.failure(let error), .success):
                    failures += 1
                    Issue.record("seed \(seed): \(expression): \(error), the reference succeeded")
                }
                if expression.type == .boolean { failures += checkFilter(expression, batch, reference, &generator, seed: seed) }
                if failures > 5 { return }
            }
        }
        // Both outcomes must actually occur, or the generator is too tame.
        #expect(outcomes.values > 400)
        #expect(outcomes.errors > 5)
    }

    /// `select` with no input selection and with a random one.
    private func checkFilter(
        _ predicate: PhysicalExpression, _ batch: RecordBatch, _ reference: ReferenceEvaluator,
        _ generator: inout RandomExpressionGenerator, seed: UInt64
    ) -> Int {
        var failures = 0
        let random = (0..<Int32(batch.rowCount)).filter { _ in generator.random.chance(1, in: 2) }
        for within in [nil, random] {
            let rows = within ?? Array(0..<Int32(batch.rowCount))
            let vectorized = Result { try ExpressionEvaluator.select(predicate, on: batch, within: within) }
            let expected = Result { try rows.filter { try reference.isTrue(predicate, Int($0)) } }
            switch (vectorized, expected) {
            case (.success(let actual), .success(let wanted)) where actual != wanted:
                failures += 1
                Issue.record("seed \(seed): filter \(predicate) within \(within.map { "\($0.count) rows" } ?? "all"): \(actual) expected \(wanted)")
            case (.success, .failure(let error)):
                failures += 1
                Issue.record("seed \(seed): filter \(predicate): the reference failed (\(error)), the evaluator did not")
            case (.failure(let error), .success):
                failures += 1
                Issue.record("seed \(seed): filter \(predicate): \(error), the reference succeeded")
            default:
                break
            }
        }
        return failures
    }

    private func same(_ a: Value, _ b: Value) -> Bool {
        if case .float64(let x) = a, case .float64(let y) = b { return x == y || (x.isNaN && y.isNaN) }
        return a == b
    }
}
