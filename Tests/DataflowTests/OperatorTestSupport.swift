import Dataflow
import SluiceCore
import Testing

/// Runs `body` with a `local[2]` context in `mode`, closed afterwards.
func withContext<Result>(_ mode: ExecutionMode, defaultParallelism: Int = 3, shuffleMemoryLimitBytes: Int = 64 << 20,
                         _ body: (DataflowContext) async throws -> Result) async throws -> Result {
    let context = try DataflowContext(config: ExecutionConfig(master: .local(threadCount: 2), mode: mode,
                                                              defaultParallelism: defaultParallelism,
                                                              shuffleMemoryLimitBytes: shuffleMemoryLimitBytes))
    defer { context.close() }
    return try await body(context)
}

/// Seeded random inputs for the operator tests.
struct RandomInput {
    var generator: SeededRandomGenerator

    init(seed: UInt64) {
        generator = SeededRandomGenerator(seed: seed)
    }

    mutating func integers(count: Int, in range: ClosedRange<Int>) -> [Int] {
        (0..<count).map { _ in Int.random(in: range, using: &generator) }
    }

    /// Pairs with keys drawn from `keyCount` distinct keys, so keys repeat.
    mutating func pairs(count: Int, keyCount: Int) -> [(Int, Int)] {
        (0..<count).map { _ in (Int.random(in: 0..<keyCount, using: &generator), Int.random(in: -1000...1000, using: &generator)) }
    }

    mutating func words(count: Int, vocabularySize: Int) -> [String] {
        (0..<count).map { _ in "w\(Int.random(in: 0..<vocabularySize, using: &generator))" }
    }
}

/// Pairs in a canonical order, for comparing results whose order the shuffle decides.
func canonical<Key: Comparable, Value: Comparable>(_ pairs: [(Key, Value)]) -> [KeyValue<Key, Value>] {
    pairs.map { KeyValue($0.0, $0.1) }.sorted()
}

/// A dictionary's entries in a canonical order.
func canonical<Key: Comparable, Value: Comparable>(_ dictionary: [Key: Value]) -> [KeyValue<Key, Value>] {
    dictionary.map { KeyValue($0.key, $0.value) }.sorted()
}

/// A count shared by task threads.
final class SharedCounter: @unchecked Sendable {
    // Sendable: `count` is guarded by `lock`.
    private let lock = Mutex()
    private var count = 0

    func increment(by amount: Int = 1) {
        lock.withLock { count += amount }
    }

    var value: Int { lock.withLock { count } }
}

/// Values gathered from task threads or listeners.
final class SharedList<Element>: @unchecked Sendable {
    // Sendable: `elements` is guarded by `lock`.
    private let lock = Mutex()
    private var elements: [Element] = []

    func append(_ element: Element) {
        lock.withLock { elements.append(element) }
    }

    var all: [Element] { lock.withLock { elements } }
}

struct InjectedFailure: Error, CustomStringConvertible {
    var description: String
}
