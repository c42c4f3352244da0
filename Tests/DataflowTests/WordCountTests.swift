import Dataflow
import SluiceCore
import Testing

@Suite struct WordCountTests {
    @Test func countsWordsOfAFileAcrossSplitsInBothModes() async throws {
        let folder = "/tmp/sluice-wordcount-\(UInt32.random(in: 0...UInt32.max))"
        try LocalFileSystem().makeDirectories(folder)
        defer { try? LocalFileSystem().delete(folder, recursive: true) }
        var generator = SeededRandomGenerator(seed: 7)
        let vocabulary = (0..<50).map { "w\($0)" }
        var lines: [String] = []
        var expected: [String: Int] = [:]
        for _ in 0..<2_000 {
            let words = (0..<Int.random(in: 0...9, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
            for word in words { expected[word, default: 0] += 1 }
            lines.append(words.joined(separator: " "))
        }
        try LocalFileSystem().write(Array((lines.joined(separator: "\n") + "\n").utf8), to: "\(folder)/input.txt")
        for mode in ExecutionMode.allCases {
            let context = try DataflowContext(config: ExecutionConfig(master: .local(threadCount: 2), mode: mode,
                                                                      workDirectory: "\(folder)/work-\(mode)", splitSizeBytes: 4096))
            defer { context.close() }
            let counts = try context.textFile("\(folder)/input.txt")
                .flatMap { line in line.split(separator: " ") }
                .map { word in (word, 1) }
                .reduceByKey(+)
            let collected = try await counts.collect()
            #expect(Dictionary(uniqueKeysWithValues: collected.map { (String($0.0), $0.1) }) == expected)
            try await counts.save(to: "\(folder)/out-\(mode)")
            var saved: [String: Int] = [:]
            for file in try LocalFileSystem().list("\(folder)/out-\(mode)") where file.name.hasPrefix("part-") {
                for line in String(decoding: try LocalFileSystem().readAll(file.path), as: UTF8.self).split(separator: "\n") {
                    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                    guard fields.count == 2 else { Issue.record("bad line \(line)"); continue }
                    saved[String(fields[0])] = Int(fields[1])
                }
            }
            #expect(saved == expected)
        }
    }
}
