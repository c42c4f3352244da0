import Dataflow
import SluiceCore
import Testing

/// `split(separator:)` and `valueCounts()` give what their closure forms give, whether they read
/// the file's bytes directly (textFile) or strings (any other dataset), in both modes.
@Suite struct TextBuiltinTests {
    static func writeInput(_ folder: String) throws -> (path: String, lines: [String]) {
        var generator = SeededRandomGenerator(seed: 11)
        let vocabulary = (0..<300).map { "w\($0)" } + ["", "ünïcödé", "a\u{301}"]
        var lines: [String] = []
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...12, using: &generator)
            lines.append((0..<count).map { _ in vocabulary.randomElement(using: &generator)! }.joined(separator: " "))
        }
        let path = "\(folder)/input.txt"
        try LocalFileSystem().write(Array((lines.joined(separator: "\r\n") + "\n").utf8), to: path)
        return (path, lines)
    }

    @Test(arguments: ExecutionMode.allCases)
    func splitAndValueCountsMatchTheirClosureForms(mode: ExecutionMode) async throws {
        let folder = "/tmp/sluice-text-builtins-\(UInt32.random(in: 0...UInt32.max))"
        try LocalFileSystem().makeDirectories(folder)
        defer { try? LocalFileSystem().delete(folder, recursive: true) }
        let (path, lines) = try Self.writeInput(folder)
        var expected: [String: Int] = [:]
        for line in lines {
            for word in line.utf8.split(separator: UInt8(ascii: " ")) { expected[String(decoding: word, as: UTF8.self), default: 0] += 1 }
        }
        let context = try DataflowContext(config: ExecutionConfig(master: .local(threadCount: 2), mode: mode,
                                                                  workDirectory: "\(folder)/work", splitSizeBytes: 4096))
        defer { context.close() }
        let fromFile = try await context.textFile(path).split(separator: " ").valueCounts(partitionCount: 3).collect()
        #expect(Dictionary(uniqueKeysWithValues: fromFile.map { ($0.0, $0.1) }) == expected)
        let fromStrings = try await context.parallelize(lines, partitionCount: 4).split(separator: " ").valueCounts().collect()
        #expect(Dictionary(uniqueKeysWithValues: fromStrings.map { ($0.0, $0.1) }) == expected)
        let words = try await context.textFile(path).split(separator: " ").collect()
        #expect(words == lines.flatMap { $0.utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) } })
        let numbers = try await context.parallelize([3, 1, 3, 3, 2], partitionCount: 2).valueCounts().collect()
        #expect(Dictionary(uniqueKeysWithValues: numbers.map { ($0.0, $0.1) }) == [3: 3, 1: 1, 2: 1])
    }
}
