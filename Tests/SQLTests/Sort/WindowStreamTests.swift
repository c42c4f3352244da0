import SluiceCore
import Testing
@testable import SQL

@Suite struct WindowStreamTests {
    /// Columns: id, p1 INT32, p2 STRING, o1 DATE, o2 DOUBLE, x INT32, y DECIMAL(15,2), z DOUBLE,
    /// s STRING, d DECIMAL(38,4); few distinct values, so partitions and peers are large, and NULLs.
    private static func input(rowCount: Int, seed: UInt64) throws -> (Schema, [RecordBatch]) {
        let types: [DataType] = [.int32, .string, .date, .float64, .int32, .decimal(precision: 15, scale: 2), .float64,
                                 .string, .decimal(precision: 38, scale: 4)]
        let distinct = [3, 3, 5, 4, 50, 50, 30, 20, 40]
        var random = SeededRandomGenerator(seed: seed)
        let fields = [Field("id", .int64)] + ["p1", "p2", "o1", "o2", "x", "y", "z", "s", "d"].enumerated().map { Field($0.element, types[$0.offset]) }
        let schema = Schema(fields)
        var batches: [RecordBatch] = []
        var id: Int64 = 0
        while id < Int64(rowCount) {
            let count = min(37, rowCount - Int(id))
            var columns = [Column(type: .int64, values: .int64((0..<count).map { id + Int64($0) }))]
            for (index, type) in types.enumerated() {
                columns.append(try Column(type: type, (0..<count).map { _ -> Value in
                    if random.chance(12, in: 100) { return .null }
                    var value = SortTestData.value(type, distinctCount: distinct[index], using: &random)
                    // Keep doubles finite so sums compare with a tolerance.
                    if case .float64(let double) = value, !double.isFinite { value = .float64(1.5) }
                    return value
                }))
            }
            batches.append(RecordBatch(schema: schema, columns: columns))
            id += Int64(count)
        }
        return (schema, batches)
    }

    private static func column(_ schema: Schema, _ name: String) -> PhysicalExpression {
        let index = schema.index(of: name)!
        return .column(index: index, type: schema.fields[index].type, name: name)
    }

    private static func calls(_ schema: Schema) -> [WindowCall] {
        func c(_ name: String) -> PhysicalExpression { column(schema, name) }
        func aggregate(_ function: AggregateCall.Function, _ argument: String?, partition: [PhysicalExpression],
                       order: [SortKey]) -> WindowCall {
            let argumentExpression = argument.map { c($0) }
            let type = AggregateCall.resultType(of: function, argumentType: argumentExpression?.type)
            return WindowCall(.aggregate, aggregate: AggregateCall(function, argumentExpression, resultType: type),
                              partitionBy: partition, orderBy: order, resultType: type)
        }
        let modulo = PhysicalExpression.arithmetic(.modulo, c("x"), .literal(.int32(3), .int32), resultType: .int32)
        return [
            WindowCall(.rowNumber, partitionBy: [c("p1")], orderBy: [SortKey(c("o1"))], resultType: .int64),
            WindowCall(.rank, partitionBy: [c("p1")], orderBy: [SortKey(c("o1"), isAscending: false, nullsFirst: true)], resultType: .int64),
            WindowCall(.denseRank, partitionBy: [c("p1"), c("p2")], orderBy: [SortKey(c("o1")), SortKey(c("o2"))], resultType: .int64),
            WindowCall(.rank, partitionBy: [], orderBy: [], resultType: .int64),
            WindowCall(.rowNumber, partitionBy: [modulo], orderBy: [SortKey(c("o2"), isAscending: false)], resultType: .int64),
            aggregate(.countStar, nil, partition: [c("p1")], order: []),
            aggregate(.count, "x", partition: [c("p2")], order: [SortKey(c("o1"))]),
            aggregate(.sum, "x", partition: [c("p1")], order: [SortKey(c("o1"))]),
            aggregate(.sum, "y", partition: [c("p1")], order: []),
            aggregate(.sum, "d", partition: [], order: [SortKey(c("o1"))]),
            aggregate(.avg, "x", partition: [c("p1")], order: [SortKey(c("o2"))]),
            aggregate(.avg, "y", partition: [c("p2")], order: []),
            aggregate(.avg, "z", partition: [c("p1")], order: [SortKey(c("o1"))]),
            aggregate(.sum, "z", partition: [c("p1")], order: []),
            aggregate(.min, "s", partition: [c("p1")], order: [SortKey(c("o1"))]),
            aggregate(.max, "s", partition: [c("p1")], order: [SortKey(c("o1"))]),
            aggregate(.min, "z", partition: [c("p2")], order: []),
            aggregate(.max, "d", partition: [c("p1")], order: [SortKey(c("o1"), isAscending: false)]),
            aggregate(.min, "o2", partition: [modulo], order: []),
        ]
    }

    @Test(arguments: [1, 4])
    func windowFunctionsMatchTheReference(threadCount: Int) throws {
        let (schema, batches) = try Self.input(rowCount: 260, seed: 9)
        let calls = Self.calls(schema)
        let outputSchema = Schema(schema.fields + calls.enumerated().map { Field("w\($0.offset)", $0.element.resultType) })
        let stream = WindowStream(input: BatchListStream(schema: schema, batches: batches), calls: calls,
                                  outputSchema: outputSchema, context: ExecutionContext(threadCount: threadCount, batchRowCountTarget: 50))
        let output = try SortTestData.drain(stream)
        #expect(output.allSatisfy { $0.schema == outputSchema && $0.rowCount <= 50 })
        let outputRows = SortTestData.rows(output)
        let inputRows = SortTestData.rows(batches)
        try #require(outputRows.count == inputRows.count)
        // Match output rows to input rows by id.
        var rowsByID: [Int64: [Value]] = [:]
        for row in outputRows {
            guard case .int64(let id) = row[0] else { Issue.record("id is missing"); return }
            rowsByID[id] = row
        }
        #expect(rowsByID.count == inputRows.count)
        let inputBatch = RecordBatch.concatenate(batches, schema: schema)
        for (callIndex, call) in calls.enumerated() {
            let reference = try WindowReference(call: call, batch: inputBatch)
            for rowIndex in inputRows.indices {
                let actual = rowsByID[Int64(rowIndex)]![schema.count + callIndex]
                let problem = reference.check(row: rowIndex, actual: actual, all: { rowsByID[Int64($0)]![schema.count + callIndex] })
                #expect(problem == nil, "\(call) at row \(rowIndex): \(problem ?? "")")
                if problem != nil { break }
            }
        }
    }

    @Test func emptyInputGivesNoRows() throws {
        let schema = Schema([Field("a", .int32)])
        let call = WindowCall(.rowNumber, partitionBy: [], orderBy: [SortKey(.column(index: 0, type: .int32, name: "a"))], resultType: .int64)
        let stream = WindowStream(input: BatchListStream(schema: schema, batches: [RecordBatch(emptyOf: schema)]), calls: [call],
                                  outputSchema: Schema([Field("a", .int32), Field("rn", .int64)]), context: ExecutionContext(threadCount: 2))
        #expect(try stream.next() == nil)
    }

    @Test func integerSumOverflowIsAnError() throws {
        let batch = try TestBatch.single("a", .int64, [.int64(Int64.max), .int64(1)])
        let argument = PhysicalExpression.column(index: 0, type: .int64, name: "a")
        let call = WindowCall(.aggregate, aggregate: AggregateCall(.sum, argument, resultType: .int64), partitionBy: [], orderBy: [],
                              resultType: .int64)
        let stream = WindowStream(input: BatchListStream(schema: batch.schema, batches: [batch]), calls: [call],
                                  outputSchema: Schema([Field("a", .int64), Field("s", .int64)]), context: ExecutionContext(threadCount: 1))
        #expect(throws: SluiceError.self) { _ = try stream.next() }
    }
}

/// One window call computed row by row on boxed values, straight from the definitions.
struct WindowReference {
    let call: WindowCall
    let partition: [[Value]]
    let order: [[Value]]
    let argument: [Value]
    let directions: [(ascending: Bool, nullsFirst: Bool)]

    init(call: WindowCall, batch: RecordBatch) throws {
        self.call = call
        func values(_ expression: PhysicalExpression) throws -> [Value] {
            let column = try ExpressionEvaluator.evaluate(expression, on: batch)
            return (0..<column.count).map { column[$0] }
        }
        let partitionColumns = try call.partitionBy.map(values)
        let orderColumns = try call.orderBy.map { try values($0.expression) }
        partition = (0..<batch.rowCount).map { row in partitionColumns.map { $0[row] } }
        order = (0..<batch.rowCount).map { row in orderColumns.map { $0[row] } }
        argument = try call.aggregate?.argument.map(values) ?? []
        directions = call.orderBy.map { (ascending: $0.isAscending, nullsFirst: $0.nullsFirst) }
    }

    /// A description of what is wrong with `actual` at `row`, or nil; `all` reads the operator's
    /// value at another row (row_number is checked against its neighbours since ties are free).
    func check(row: Int, actual: Value, all: (Int) -> Value) -> String? {
        let samePartition = partition.indices.filter { SortReference.compare(partition[$0], partition[row], partition[row].map { _ in (true, false) }) == 0 }
        let before = samePartition.filter { SortReference.compare(order[$0], order[row], directions) < 0 }
        let frame = call.orderBy.isEmpty ? samePartition : samePartition.filter { SortReference.compare(order[$0], order[row], directions) <= 0 }
        switch call.function {
        case .rowNumber:
            guard case .int64(let number) = actual, number >= 1, number <= Int64(samePartition.count) else { return "\(actual) out of range" }
            let numbers = Set(samePartition.map { all($0) })
            if numbers.count != samePartition.count { return "row numbers repeat in the partition" }
            if number <= Int64(before.count) || number > Int64(frame.count) { return "\(number) is not between \(before.count + 1) and \(frame.count)" }
            return nil
        case .rank:
            return actual == .int64(Int64(before.count + 1)) ? nil : "\(actual), expected \(before.count + 1)"
        case .denseRank:
            var distinct: [[Value]] = []
            for other in before where !distinct.contains(where: { SortReference.compare($0, order[other], directions) == 0 }) {
                distinct.append(order[other])
            }
            return actual == .int64(Int64(distinct.count + 1)) ? nil : "\(actual), expected \(distinct.count + 1)"
        case .aggregate:
            return checkAggregate(frame: frame, actual: actual)
        }
    }

    private func checkAggregate(frame: [Int], actual: Value) -> String? {
        let aggregate = call.aggregate!
        let values = aggregate.function == .countStar ? [] : frame.map { argument[$0] }.filter { !$0.isNull }
        let expected: Value
        switch aggregate.function {
        case .countStar: expected = .int64(Int64(frame.count))
        case .count: expected = .int64(Int64(values.count))
        case .sum, .avg:
            if values.isEmpty { expected = .null; break }
            var exact: Int128 = 0
            var double = 0.0
            var scale = 0
            for value in values {
                switch value {
                case .int32(let v): exact += Int128(v); double += Double(v)
                case .int64(let v): exact += Int128(v); double += Double(v)
                case .decimal(let v, let s): exact += v; scale = s; double += Double(v) / Double(Decimal128.powerOfTen(s))
                case .float64(let v): double += v
                default: return "unexpected argument \(value)"
                }
            }
            if aggregate.function == .avg {
                expected = .float64(double / Double(values.count))
            } else {
                switch aggregate.resultType {
                case .int64: expected = .int64(Int64(exact))
                case .decimal: expected = .decimal(exact, scale: scale)
                default: expected = .float64(double)
                }
            }
        case .min, .max:
            let best = values.min { a, b in
                let order = SortReference.compareValues(a, b)
                return aggregate.function == .min ? order < 0 : order > 0
            }
            expected = best ?? .null
        }
        if case .float64(let e) = expected, case .float64(let a) = actual {
            return abs(e - a) <= 1e-9 * max(1, abs(e)) ? nil : "\(actual), expected \(expected)"
        }
        if aggregate.function == .min || aggregate.function == .max, !expected.isNull, !actual.isNull {
            return SortReference.compareValues(expected, actual) == 0 ? nil : "\(actual), expected \(expected)"
        }
        return actual == expected ? nil : "\(actual), expected \(expected)"
    }
}
