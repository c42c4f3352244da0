import SluiceCore
import Testing
@testable import SQL

/// Random join inputs and a row-at-a-time reference join that the operators are checked against.
enum JoinTestData {
    /// Both sides' layout: two key candidates of each kind plus a payload.
    static let sideFields: [(String, DataType)] = [("k32", .int32), ("kstr", .string), ("k64", .int64), ("p", .int64)]

    static func schema(prefix: String) -> Schema {
        Schema(sideFields.map { Field(prefix + $0.0, $0.1) })
    }

    /// Random rows with NULLs and many duplicate keys.
    static func rows(count: Int, keyDomain: Int, nullPercent: Int, using random: inout SeededRandomGenerator) -> [[Value]] {
        (0..<count).map { _ in
            func maybeNull(_ value: Value) -> Value { random.chance(nullPercent, in: 100) ? .null : value }
            let key = Int.random(in: 0..<keyDomain, using: &random)
            let other = Int.random(in: 0..<keyDomain, using: &random)
            return [
                maybeNull(.int32(Int32(key))),
                maybeNull(.string(["apple", "b", "", "a much longer string key", "d", "eé"][other % 6] + String(key % 3))),
                maybeNull(.int64(Int64(key) * 1_000_000_007)),
                maybeNull(.int64(Int64.random(in: 0..<10, using: &random))),
            ]
        }
    }

    /// The rows split into batches of random sizes (some empty).
    static func stream(_ rows: [[Value]], schema: Schema, using random: inout SeededRandomGenerator) throws -> BatchListStream {
        var batches: [RecordBatch] = []
        var start = 0
        repeat {
            let size = min(rows.count - start, Int.random(in: 0...40, using: &random))
            let part = Array(rows[start..<start + size])
            let columns = try schema.fields.indices.map { index in
                try Column(type: schema.fields[index].type, part.map { $0[index] })
            }
            batches.append(RecordBatch(schema: schema, columns: columns))
            start += size
        } while start < rows.count
        return BatchListStream(schema: schema, batches: batches)
    }

    /// The output schema a planner would give `kind`.
    static func outputSchema(_ kind: JoinKind, left: Schema, right: Schema) -> Schema {
        let leftNullable = kind == .right || kind == .full
        let rightNullable = kind == .left || kind == .full || kind == .single
        let leftFields = left.fields.map { Field($0.name, $0.type, nullable: $0.isNullable || leftNullable) }
        let rightFields = right.fields.map { Field($0.name, $0.type, nullable: $0.isNullable || rightNullable) }
        switch kind {
        case .inner, .left, .right, .full, .single: return Schema(leftFields + rightFields)
        case .semi, .anti, .nullAwareAnti: return Schema(leftFields)
        case .rightSemi, .rightAnti: return Schema(rightFields)
        case .mark: return Schema(leftFields + [Field("mark", .boolean)])
        }
    }

    /// Every batch of `stream`, pulled by `threadCount` threads at once, as rows.
    static func collect(_ stream: any BatchStream, threadCount: Int) throws -> [[Value]] {
        let states = try StreamDrain.drain(stream, threadCount: threadCount, makeState: { [[Value]]() }) { rows, batch in
            #expect(batch.schema == stream.schema)
            for column in batch.columns { checkJoinNullSlotsAreZero(column) }
            for row in 0..<batch.rowCount { rows.append(batch.row(row)) }
        }
        return states.flatMap { $0 }
    }

    /// Rows as sortable text, for comparing multisets.
    static func canonical(_ rows: [[Value]]) -> [String] {
        rows.map { row in row.map { $0.isNull ? "∅" : "\($0)" }.joined(separator: "|") }.sorted()
    }
}

/// Null slots of a column hold zero values (the `ColumnValues` contract).
func checkJoinNullSlotsAreZero(_ column: Column) {
    for row in 0..<column.count where column.isNull(row) {
        switch column.values {
        case .int32(let values): #expect(values[row] == 0)
        case .int64(let values): #expect(values[row] == 0)
        case .bytes(let buffer): #expect(buffer.byteRange(row).isEmpty)
        case .boolean(let values): #expect(values[row] == false)
        default: break
        }
    }
}

/// A row-at-a-time join over boxed values: the definition the operators must agree with.
struct ReferenceJoin {
    let kind: JoinKind
    /// Key column positions on each side, pairwise.
    let leftKeys: [Int]
    let rightKeys: [Int]
    /// The residual, three-valued: TRUE, FALSE or NULL (nil).
    let residual: (([Value], [Value]) -> Bool?)?
    /// Whether mark and null-aware anti joins judge NULLs per pair (nested loop: the whole
    /// condition's value) instead of by keys (hash join: a NULL left key or any NULL right key).
    let unknownByPair: Bool

    /// The condition's three-valued value for one pair.
    func truth(_ left: [Value], _ right: [Value]) -> Bool? {
        var parts: [Bool?] = zip(leftKeys, rightKeys).map { l, r in
            left[l].isNull || right[r].isNull ? nil : left[l] == right[r]
        }
        if let residual { parts.append(residual(left, right)) }
        if parts.contains(false) { return false }
        if parts.contains(nil) { return nil }
        return true
    }

    /// The expected output rows.
    /// - Throws: the single join's error on a second match.
    func run(left: [[Value]], right: [[Value]], rightWidth: Int, leftWidth: Int) throws -> [[Value]] {
        var result: [[Value]] = []
        var rightMatched = [Bool](repeating: false, count: right.count)
        let rightHasNullKey = right.contains { row in rightKeys.contains { row[$0].isNull } }
        let nullRight = [Value](repeating: .null, count: rightWidth)
        for l in left {
            var matches: [Int] = []
            var sawUnknown = false
            for (index, r) in right.enumerated() {
                let value = truth(l, r)
                if value == true { matches.append(index) }
                if value == nil { sawUnknown = true }
            }
            for index in matches { rightMatched[index] = true }
            let leftKeyNull = leftKeys.contains { l[$0].isNull }
            let unknown = right.isEmpty ? false : (unknownByPair ? sawUnknown : (leftKeyNull || rightHasNullKey))
            switch kind {
            case .inner, .right:
                for index in matches { result.append(l + right[index]) }
            case .rightSemi, .rightAnti:
                break
            case .left, .full:
                for index in matches { result.append(l + right[index]) }
                if matches.isEmpty { result.append(l + nullRight) }
            case .semi:
                if !matches.isEmpty { result.append(l) }
            case .anti:
                if matches.isEmpty { result.append(l) }
            case .nullAwareAnti:
                if matches.isEmpty && !unknown { result.append(l) }
            case .mark:
                result.append(l + [matches.isEmpty ? (unknown ? .null : .boolean(false)) : .boolean(true)])
            case .single:
                if matches.count > 1 { throw SluiceError.data("more than one row returned by a subquery used as an expression") }
                result.append(l + (matches.first.map { right[$0] } ?? nullRight))
            }
        }
        if kind == .right || kind == .full {
            let nullLeft = [Value](repeating: .null, count: leftWidth)
            for (index, r) in right.enumerated() where !rightMatched[index] { result.append(nullLeft + r) }
        }
        if kind == .rightSemi || kind == .rightAnti {
            for (index, r) in right.enumerated() where rightMatched[index] == (kind == .rightSemi) { result.append(r) }
        }
        return result
    }
}
