import SluiceCore
import Testing
@testable import SQL

/// Seeded random tables with NULLs for every type, and a row-at-a-time reference aggregation
/// over boxed values that the hash operators are checked against.
enum AggregateTestData {
    static let allTypes: [DataType] = [
        .boolean, .int32, .int64, .float64, .string, .binary, .date, .timestamp,
        .decimal(precision: 15, scale: 2), .decimal(precision: 30, scale: 4),
    ]

    /// Value number `k` of a column of `type` whose values come from `domain` distinct ones.
    static func value(_ type: DataType, _ k: Int, domain: Int) -> Value {
        let centered = k - domain / 2
        switch type {
        case .boolean: return .boolean(k % 2 == 1)
        case .int32: return .int32(Int32(centered))
        case .int64: return .int64(Int64(centered) * 1_000_003)
        case .float64: return .float64(Double(centered) / 4)
        case .string: return .string(k == 0 ? "" : "s\(k)" + (k % 3 == 0 ? "é" : ""))
        case .binary: return .binary(Array(repeating: UInt8(k % 256), count: k % 4))
        case .date: return .date(Int32(centered))
        case .timestamp: return .timestamp(Int64(centered) * 86_400_000_123)
        case .decimal(_, let scale) where scale == 2: return .decimal(Int128(centered) * 12_345, scale: 2)
        case .decimal(_, let scale): return .decimal(Int128(centered) * 100_000_000_000_000_000_000 + Int128(k), scale: scale)
        }
    }

    /// Rows of random values: column `i` has type `types[i]` and `domains[i]` distinct values,
    /// NULL about one time in eight.
    static func rows(_ types: [DataType], domains: [Int], count: Int, random: inout SeededRandomGenerator) -> [[Value]] {
        (0..<count).map { _ in
            zip(types, domains).map { type, domain in
                random.chance(1, in: 8) ? .null : value(type, Int.random(in: 0..<domain, using: &random), domain: domain)
            }
        }
    }

    /// The rows as batches of random sizes (some empty).
    static func batches(_ rows: [[Value]], schema: Schema, random: inout SeededRandomGenerator) throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        var start = 0
        while start < rows.count || batches.isEmpty {
            let size = min(rows.count - start, Int.random(in: 0...300, using: &random))
            let slice = rows[start..<(start + size)]
            let columns = try schema.fields.indices.map { index in
                try Column(type: schema.fields[index].type, slice.map { $0[index] })
            }
            batches.append(columns.isEmpty ? RecordBatch(emptyOf: schema) : RecordBatch(schema: schema, columns: columns))
            start += size
        }
        return batches
    }

    static func schema(_ types: [DataType], prefix: String = "c") -> Schema {
        Schema(types.enumerated().map { Field("\(prefix)\($0.offset)", $0.element) })
    }

    /// Every row the stream yields, boxed, checking each batch's schema.
    static func collect(_ stream: any BatchStream) throws -> [[Value]] {
        var rows: [[Value]] = []
        while let batch = try stream.next() {
            #expect(batch.schema == stream.schema)
            for row in 0..<batch.rowCount { rows.append(batch.row(row)) }
        }
        return rows
    }

    /// The rows pulled by `threadCount` threads at once.
    static func collectConcurrently(_ stream: any BatchStream, threadCount: Int) throws -> [[Value]] {
        let collected = RowCollector()
        try StreamDrain.parallel(threadCount: threadCount) { _ in
            while let batch = try stream.next() { collected.add(batch) }
        }
        return collected.rows
    }

    /// Rows as a multiset.
    static func counted(_ rows: [[Value]]) -> [[Value]: Int] {
        rows.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}

/// Batches gathered from several threads.
final class RowCollector: @unchecked Sendable {
    private let lock = Mutex()
    private var collected: [[Value]] = []

    func add(_ batch: RecordBatch) {
        let rows = (0..<batch.rowCount).map { batch.row($0) }
        lock.withLock { collected.append(contentsOf: rows) }
    }

    var rows: [[Value]] { lock.withLock { collected } }
}

/// `GROUP BY` computed a row at a time over boxed values: the obviously right answer.
enum ReferenceAggregation {
    /// One output row per group: the key values, then each aggregate's value. Aggregate
    /// arguments must be plain columns.
    static func aggregate(_ rows: [[Value]], keys: [Int], aggregates: [AggregateCall]) -> [[Value]: [Value]] {
        var groups: [[Value]: [[Value]]] = [:]
        for row in rows { groups[keys.map { row[$0] }, default: []].append(row) }
        if keys.isEmpty && groups.isEmpty { groups[[]] = [] }
        return groups.mapValues { members in aggregates.map { value(of: $0, over: members) } }
    }

    static func value(of call: AggregateCall, over rows: [[Value]]) -> Value {
        guard case .column(let index, let type, _)? = call.argument else { return .int64(Int64(rows.count)) }
        var values = rows.map { $0[index] }.filter { !$0.isNull }
        if call.isDistinct { values = Array(Set(values)) }
        switch call.function {
        case .countStar: return .int64(Int64(rows.count))
        case .count: return .int64(Int64(values.count))
        case .min, .max:
            guard var best = values.first else { return .null }
            for value in values.dropFirst() {
                let order = value.compare(to: best)!
                if call.function == .min ? order < 0 : order > 0 { best = value }
            }
            return best
        case .sum, .avg:
            if values.isEmpty { return .null }
            switch type {
            case .float64:
                let sum = values.reduce(0.0) { if case .float64(let v) = $1 { $0 + v } else { $0 } }
                return .float64(call.function == .sum ? sum : sum / Double(values.count))
            default:
                var scale = 0
                let sum = values.reduce(Int128(0)) { total, value in
                    switch value {
                    case .int32(let v): return total + Int128(v)
                    case .int64(let v): return total + Int128(v)
                    case .decimal(let v, let s): scale = s; return total + v
                    default: return total
                    }
                }
                if call.function == .avg {
                    var divisor = Double(values.count)
                    for _ in 0..<scale { divisor *= 10 }
                    return .float64(Double(sum) / divisor)
                }
                if case .decimal = type { return .decimal(sum, scale: scale) }
                return .int64(Int64(sum))
            }
        }
    }

    /// Whether two result values agree, doubles to a relative 1e-12.
    static func agrees(_ actual: Value, _ expected: Value) -> Bool {
        if case .float64(let a) = actual, case .float64(let b) = expected {
            return a == b || abs(a - b) <= 1e-12 * max(1, abs(a), abs(b))
        }
        return actual == expected
    }
}
