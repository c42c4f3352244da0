import SluiceCore
import Testing
@testable import SQL

@Suite struct LimitStreamTests {
    private func input(batchSizes: [Int]) -> (Schema, [RecordBatch]) {
        let schema = Schema([Field("n", .int64)])
        var next: Int64 = 0
        let batches = batchSizes.map { size -> RecordBatch in
            defer { next += Int64(size) }
            return RecordBatch(schema: schema, columns: [Column(type: .int64, values: .int64((0..<size).map { next + Int64($0) }))])
        }
        return (schema, batches)
    }

    private func numbers(_ batches: [RecordBatch]) -> [Int64] {
        batches.flatMap { batch -> [Int64] in
            guard case .int64(let values) = batch.columns[0].values else { return [] }
            return values
        }
    }

    @Test func firstRowsAfterTheOffsetAcrossBatchBoundaries() throws {
        let sizes = [3, 0, 5, 1, 7, 4]
        let total = sizes.reduce(0, +)
        for offset in 0...(total + 2) {
            for limit in [nil, 0, 1, 2, 6, 30] as [Int?] {
                let (schema, batches) = input(batchSizes: sizes)
                let stream = LimitStream(input: BatchListStream(schema: schema, batches: batches), limit: limit, offset: offset)
                let expected = Array((0..<Int64(total)).dropFirst(offset).prefix(limit ?? Int.max))
                #expect(numbers(try SortTestData.drain(stream)) == expected, "limit \(limit.map(String.init) ?? "nil") offset \(offset)")
                #expect(try stream.next() == nil)
            }
        }
    }

    @Test func stopsPullingOnceSatisfied() throws {
        let (schema, batches) = input(batchSizes: Array(repeating: 10, count: 100))
        let counting = CountingStream(schema: schema, batches: batches)
        let stream = LimitStream(input: counting, limit: 15, offset: 12)
        #expect(numbers(try SortTestData.drain(stream)) == Array(12..<27))
        #expect(counting.pullCount == 3)
        let none = CountingStream(schema: schema, batches: batches)
        #expect(try LimitStream(input: none, limit: 0, offset: 0).next() == nil)
        #expect(none.pullCount == 0)
    }

    @Test func concurrentPullersPassExactlyTheLimit() throws {
        let (schema, batches) = input(batchSizes: Array(repeating: 7, count: 300))
        let stream = LimitStream(input: BatchListStream(schema: schema, batches: batches), limit: 1000, offset: 33)
        let collected = try StreamDrain.drain(stream, threadCount: 4, makeState: { [Int64]() },
                                              consume: { state, batch in
                                                  guard case .int64(let values) = batch.columns[0].values else { return }
                                                  state += values
                                              })
        let all = collected.flatMap { $0 }
        #expect(all.count == 1000)
        #expect(Set(all).count == 1000)
    }

    @Test func inputErrorsPassThrough() throws {
        let (schema, batches) = input(batchSizes: [5, 5, 5])
        let stream = LimitStream(input: FailingStream(schema: schema, batches: batches, failAfter: 1), limit: 100, offset: 0)
        #expect(try stream.next()?.rowCount == 5)
        #expect(throws: SluiceError.self) { _ = try stream.next() }
        #expect(try stream.next() == nil)
    }
}
