import SluiceCore
import Testing
@testable import SQL

/// Drives TPC-H-shaped aggregations over a million rows, so an accidentally quadratic step
/// shows up as a test that never ends (no timings are asserted).
@Suite struct AggregationScaleTests {
    static let rowCount = 1_000_000
    static let batchRowCount = 8192

    /// lineitem's Q1 columns: returnflag, linestatus (1-char strings), quantity, extendedprice,
    /// discount, tax (DECIMAL(15,2)).
    static func lineitemBatches() throws -> (Schema, [RecordBatch]) {
        let money = DataType.decimal(precision: 15, scale: 2)
        let schema = Schema([Field("l_returnflag", .string), Field("l_linestatus", .string), Field("l_quantity", money),
                             Field("l_extendedprice", money), Field("l_discount", money), Field("l_tax", money)])
        var random = SeededRandomGenerator(seed: 1)
        var batches: [RecordBatch] = []
        var start = 0
        while start < rowCount {
            let count = min(batchRowCount, rowCount - start)
            var flags = BinaryBuffer()
            var statuses = BinaryBuffer()
            var quantities = [Int64](), prices = [Int64](), discounts = [Int64](), taxes = [Int64]()
            for _ in 0..<count {
                let draw = random.next()
                flags.append(["A", "N", "R"][Int(draw % 3)])
                statuses.append(["F", "O"][Int((draw >> 8) % 2)])
                quantities.append(Int64((draw >> 16) % 50 + 1) * 100)
                prices.append(Int64((draw >> 24) % 10_000_000) + 90_000)
                discounts.append(Int64((draw >> 48) % 11))
                taxes.append(Int64((draw >> 56) % 9))
            }
            batches.append(RecordBatch(schema: schema, columns: [
                Column(type: .string, values: .bytes(flags)), Column(type: .string, values: .bytes(statuses)),
                Column(type: money, values: .int64(quantities)), Column(type: money, values: .int64(prices)),
                Column(type: money, values: .int64(discounts)), Column(type: money, values: .int64(taxes)),
            ]))
            start += count
        }
        return (schema, batches)
    }

    @Test func q1ShapedAggregationOverAMillionRows() throws {
        let (schema, batches) = try Self.lineitemBatches()
        func column(_ name: String) -> PhysicalExpression {
            let index = schema.index(of: name)!
            return .column(index: index, type: schema.fields[index].type, name: name)
        }
        func arithmetic(_ op: ArithmeticOperator, _ left: PhysicalExpression, _ right: PhysicalExpression) -> PhysicalExpression {
            .arithmetic(op, left, right, resultType: TypeCoercion.arithmeticResultType(op, left.type, right.type)!)
        }
        let one = PhysicalExpression.literal(.decimal(100, scale: 2), .decimal(precision: 15, scale: 2))
        let discounted = arithmetic(.multiply, column("l_extendedprice"), arithmetic(.subtract, one, column("l_discount")))
        let charged = arithmetic(.multiply, discounted, arithmetic(.add, one, column("l_tax")))
        func call(_ function: AggregateCall.Function, _ argument: PhysicalExpression?) -> AggregateCall {
            AggregateCall(function, argument, resultType: AggregateCall.resultType(of: function, argumentType: argument?.type))
        }
        let aggregates = [
            call(.sum, column("l_quantity")), call(.sum, column("l_extendedprice")), call(.sum, discounted),
            call(.sum, charged), call(.avg, column("l_quantity")), call(.avg, column("l_extendedprice")),
            call(.avg, column("l_discount")), call(.countStar, nil),
        ]
        let keys = [column("l_returnflag"), column("l_linestatus")]
        let outputSchema = Schema(keys.map { Field($0.description, $0.type) }
            + aggregates.map { Field($0.description, $0.resultType) })
        let stream = HashAggregateStream(
            input: BatchListStream(schema: schema, batches: batches), groupKeys: keys, aggregates: aggregates,
            outputSchema: outputSchema, context: ExecutionContext(threadCount: 2))
        let rows = try AggregateTestData.collect(stream)
        #expect(rows.count == 6)

        var expectedQuantity: Int128 = 0
        for batch in batches { if case .int64(let values) = batch.columns[2].values { expectedQuantity += values.reduce(Int128(0)) { $0 + Int128($1) } } }
        let totalCount = rows.reduce(Int64(0)) { if case .int64(let count) = $1[9] { $0 + count } else { $0 } }
        let totalQuantity = rows.reduce(Int128(0)) { if case .decimal(let sum, _) = $1[2] { $0 + sum } else { $0 } }
        #expect(totalCount == Int64(Self.rowCount))
        #expect(totalQuantity == expectedQuantity)
    }

    @Test func q18ShapedGroupingByAnIntegerKeyWithManyGroups() throws {
        let groupCountWanted = 250_000
        let schema = Schema([Field("l_orderkey", .int64), Field("l_quantity", .decimal(precision: 15, scale: 2))])
        var random = SeededRandomGenerator(seed: 2)
        var expected = [Int64](repeating: 0, count: groupCountWanted)
        var rowsOfGroup = [Int](repeating: 0, count: groupCountWanted)
        var batches: [RecordBatch] = []
        var start = 0
        while start < Self.rowCount {
            let count = min(Self.batchRowCount, Self.rowCount - start)
            var keys = [Int64](repeating: 0, count: count)
            var quantities = [Int64](repeating: 0, count: count)
            for row in 0..<count {
                let draw = random.next()
                let order = Int(draw % UInt64(groupCountWanted))
                keys[row] = Int64(order) * 32 + 7
                quantities[row] = Int64((draw >> 32) % 5000)
                expected[order] += quantities[row]
                rowsOfGroup[order] += 1
            }
            batches.append(RecordBatch(schema: schema, columns: [
                Column(type: .int64, values: .int64(keys)), Column(type: schema.fields[1].type, values: .int64(quantities)),
            ]))
            start += count
        }
        let sum = AggregateCall(.sum, .column(index: 1, type: schema.fields[1].type, name: "l_quantity"),
                                resultType: .decimal(precision: 38, scale: 2))
        let stream = HashAggregateStream(
            input: BatchListStream(schema: schema, batches: batches),
            groupKeys: [.column(index: 0, type: .int64, name: "l_orderkey")], aggregates: [sum],
            outputSchema: Schema([Field("l_orderkey", .int64), Field("sum", sum.resultType)]),
            context: ExecutionContext(threadCount: 2))
        var seen = 0
        var mismatches = 0
        while let batch = try stream.next() {
            guard case .int64(let keys) = batch.columns[0].values, case .int128(let sums) = batch.columns[1].values else {
                Issue.record("unexpected output columns")
                return
            }
            for row in 0..<batch.rowCount where sums[row] != Int128(expected[Int(keys[row] - 7) / 32]) { mismatches += 1 }
            seen += batch.rowCount
        }
        #expect(seen == rowsOfGroup.filter { $0 > 0 }.count)
        #expect(mismatches == 0)
    }
}
