import Foundation
import SluiceCore

/// A word count's result, read back from `word<TAB>count` lines: one file, or every `part-*`
/// file of an output folder (Sluice's, Spark's). A word on two lines is malformed output (the
/// shuffle let one key reach two reducers), not something to add up.
struct WordCounts: Equatable {
    var countByWord: [String: Int] = [:]

    var distinctCount: Int { countByWord.count }
    var totalCount: Int { countByWord.values.reduce(0, +) }

    /// Reads `path`, a file or a folder of `part-*` files.
    /// - Throws: `SluiceError.data` for a line that is not `word<TAB>count` or a word seen twice;
    ///   `.io` when nothing can be read.
    static func read(_ path: String) throws -> WordCounts {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw SluiceError.io("no output at \(path)")
        }
        var files = [path]
        if isFolder.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix("part-") }.sorted()
            guard !names.isEmpty else { throw SluiceError.io("no part-* files in \(path)") }
            files = names.map { path + "/" + $0 }
        }
        var counts = WordCounts()
        for file in files { try counts.add(file) }
        return counts
    }

    private mutating func add(_ file: String) throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw SluiceError.io("cannot read \(file)") }
        var lineNumber = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
            lineNumber += 1
            guard let tab = line.lastIndex(of: "\t"), let count = Int(line[line.index(after: tab)...]) else {
                throw SluiceError.data("not word<TAB>count: \(line.prefix(80))", at: SourceLocation(file: file, line: lineNumber))
            }
            let word = String(line[..<tab])
            guard countByWord.updateValue(count, forKey: word) == nil else {
                throw SluiceError.data("word '\(word)' appears on more than one line", at: SourceLocation(file: file, line: lineNumber))
            }
        }
    }

    /// How this result differs from `expected`, in one line, or nil when they are equal.
    func difference(from expected: WordCounts, exampleCountMax: Int = 3) -> String? {
        if self == expected { return nil }
        let missing = expected.countByWord.keys.filter { countByWord[$0] == nil }
        let extra = countByWord.keys.filter { expected.countByWord[$0] == nil }
        let wrong = countByWord.filter { word, count in expected.countByWord[word].map { $0 != count } ?? false }
        var parts = ["\(totalCount) words, \(distinctCount) distinct (expected \(expected.totalCount), \(expected.distinctCount))"]
        if !missing.isEmpty { parts.append("\(missing.count) missing, e.g. \(missing.sorted().prefix(exampleCountMax).joined(separator: " "))") }
        if !extra.isEmpty { parts.append("\(extra.count) unexpected, e.g. \(extra.sorted().prefix(exampleCountMax).joined(separator: " "))") }
        if !wrong.isEmpty {
            let examples = wrong.keys.sorted().prefix(exampleCountMax).map { "\($0) \(wrong[$0]!) not \(expected.countByWord[$0]!)" }
            parts.append("\(wrong.count) counted wrong, e.g. \(examples.joined(separator: ", "))")
        }
        return parts.joined(separator: "; ")
    }
}
