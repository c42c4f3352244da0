#if canImport(Glibc)
import Glibc
#endif
import SluiceCore
import Testing
@testable import SQL

/// Seeded random rows of every type, with NULLs and many ties, for sort and window tests.
enum SortTestData {
    static let allTypes: [DataType] = [
        .boolean, .int32, .int64, .float64, .string, .binary, .date, .timestamp,
        .decimal(precision: 15, scale: 2), .decimal(precision: 38, scale: 4),
    ]

    /// A random value of `type`; `distinctCount` bounds how many different values appear.
    static func value(_ type: DataType, distinctCount: Int, using random: inout SeededRandomGenerator) -> Value {
        let pick = Int.random(in: 0..<max(1, distinctCount), using: &random)
        let signed = pick - distinctCount / 2
        switch type {
        case .boolean: return .boolean(pick % 2 == 1)
        case .int32: return .int32(Int32(signed) * 1_000_003)
        case .int64: return .int64(Int64(signed) * 3_000_000_019)
        case .float64:
            switch pick % 11 {
            case 0: return .float64(.nan)
            case 1: return .float64(-0.0)
            case 2: return .float64(0.0)
            case 3: return .float64(.infinity)
            case 4: return .float64(-.infinity)
            default: return .float64(Double(signed) * 0.37)
            }
        case .string:
            // Shared prefixes longer than the 8-byte prefix word, non-ASCII and empty strings.
            let stems = ["", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgh\u{0}", "Zürich", "zebra", "é", "日本"]
            return .string(stems[pick % stems.count] + (pick < stems.count ? "" : String(pick)))
        case .binary:
            return .binary((0..<(pick % 12)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ pick) })
        case .date: return .date(Int32(signed) * 17)
        case .timestamp: return .timestamp(Int64(signed) * 86_400_000_123)
        case .decimal(_, let scale):
            let magnitude = scale == 4 ? Int128(signed) * 10_000_000_000_000_000_000_003 : Int128(signed) * 12_345
            return .decimal(magnitude, scale: scale)
        }
    }

    /// Batches of random rows, one column per type, about 15% NULLs.
    static func batches(
        types: [DataType], rowCount: Int, batchRowCount: Int, distinctCount: Int, seed: UInt64
    ) throws -> (schema: Schema, batches: [RecordBatch]) {
        var random = SeededRandomGenerator(seed: seed)
        let schema = Schema(types.enumerated().map { Field("c\($0.offset)", $0.element) })
        var batches: [RecordBatch] = []
        var start = 0
        while start < rowCount {
            let count = min(batchRowCount, rowCount - start)
            let columns = try types.map { type in
                try Column(type: type, (0..<count).map { _ -> Value in
                    random.chance(15, in: 100) ? .null : value(type, distinctCount: distinctCount, using: &random)
                })
            }
            batches.append(RecordBatch(schema: schema, columns: columns))
            start += count
        }
        return (schema, batches)
    }

    static func rows(_ batches: [RecordBatch]) -> [[Value]] {
        batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
    }

    static func drain(_ stream: any BatchStream) throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        while let batch = try stream.next() { batches.append(batch) }
        return batches
    }

    /// The rows of a multiset as sorted text, to compare row sets regardless of order.
    static func multiset(_ rows: [[Value]]) -> [String] {
        rows.map { $0.map { "\($0)" }.joined(separator: "|") }.sorted()
    }
}

/// The sort order spelled out on boxed values, independently of the engine's key vectors.
enum SortReference {
    /// SQL order of two non-NULL values of one type (DuckDB's: NaN greatest, -0 = 0, strings
    /// by UTF-8 bytes).
    static func compareValues(_ left: Value, _ right: Value) -> Int {
        switch (left, right) {
        case (.float64(let a), .float64(let b)):
            if a.isNaN || b.isNaN { return a.isNaN == b.isNaN ? 0 : (a.isNaN ? 1 : -1) }
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)):
            return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) ? -1 : (a.utf8.elementsEqual(b.utf8) ? 0 : 1)
        default:
            return left.compare(to: right)!
        }
    }

    /// Orders two key tuples under the keys' directions and NULL placements.
    static func compare(_ left: [Value], _ right: [Value], _ keys: [(ascending: Bool, nullsFirst: Bool)]) -> Int {
        for (index, key) in keys.enumerated() {
            let (a, b) = (left[index], right[index])
            if a.isNull || b.isNull {
                if a.isNull && b.isNull { continue }
                return (a.isNull == key.nullsFirst) ? -1 : 1
            }
            let order = compareValues(a, b)
            if order != 0 { return key.ascending ? order : -order }
        }
        return 0
    }

    /// The key tuples of `rows`, in order.
    static func sortedKeyTuples(_ tuples: [[Value]], _ keys: [(ascending: Bool, nullsFirst: Bool)]) -> [[Value]] {
        tuples.sorted { compare($0, $1, keys) < 0 }
    }
}

/// A fresh empty folder for spill files, removed (with anything left in it) by `remove()`.
struct TemporaryFolder {
    let path: String

    init() {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((base + "/sluice-sort-test-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// The names in the folder.
    func entries() -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    func remove() {
        for name in entries() { unlink(path + "/" + name) }
        rmdir(path)
    }
}

/// A stream that fails after handing out some batches.
final class FailingStream: BatchStream, @unchecked Sendable {
    let schema: Schema
    private let inner: BatchListStream
    private let lock = Mutex()
    private var remaining: Int

    init(schema: Schema, batches: [RecordBatch], failAfter: Int) {
        self.schema = schema
        self.inner = BatchListStream(schema: schema, batches: batches)
        self.remaining = failAfter
    }

    var operatorName: String { "Failing" }
    var operatorDetails: String { "" }
    var inputs: [any BatchStream] { [] }

    func next() throws -> RecordBatch? {
        let fail = lock.withLock { () -> Bool in
            remaining -= 1
            return remaining < 0
        }
        if fail { throw SluiceError.data("injected failure") }
        return try inner.next()
    }
}

/// A stream that counts how many batches were pulled from it.
final class CountingStream: BatchStream, @unchecked Sendable {
    let schema: Schema
    private let inner: BatchListStream
    private let lock = Mutex()
    private var pulled = 0

    init(schema: Schema, batches: [RecordBatch]) {
        self.schema = schema
        self.inner = BatchListStream(schema: schema, batches: batches)
    }

    var pullCount: Int { lock.withLock { pulled } }
    var operatorName: String { "Counting" }
    var operatorDetails: String { "" }
    var inputs: [any BatchStream] { [] }

    func next() throws -> RecordBatch? {
        lock.withLock { pulled += 1 }
        return try inner.next()
    }
}
