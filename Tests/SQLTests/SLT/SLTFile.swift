import SluiceCore

/// A parsed sqllogictest file.
///
/// The format: `#` starts a comment line; records are separated by blank lines.
///
/// ```
/// statement ok
/// CREATE TABLE t (a INT)
///
/// statement error division by zero
/// SELECT 1 // 0
///
/// query IT rowsort
/// SELECT a, b FROM t
/// ----
/// 1	x
/// NULL	(empty)
/// ```
///
/// `onlyif ENGINE` / `skipif ENGINE` lines before a record limit the engines it runs on (the
/// reference engine is `duckdb`, ours `sluice`). Expected values are separated by a tab, or
/// by runs of spaces when the line has no tab; a one-column query takes the whole line as its
/// value. `NULL` is NULL and `(empty)` the empty string. `__TEST_DIR__` in SQL stands for the
/// folder the file runs in.
struct SLTFile: Sendable {
    var name: String
    var records: [SLTRecord]

    /// - Throws: `SluiceError.userInput` naming the line of a malformed record.
    init(name: String, text: String) throws {
        self.name = name
        records = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        var index = 0
        var onlyEngines: [String] = [], skippedEngines: [String] = []
        while index < lines.count {
            let line = lines[index]
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let keyword = words.first, !keyword.hasPrefix("#") else {
                index += 1
                continue
            }
            let headerLine = index + 1
            index += 1
            switch keyword {
            case "onlyif", "skipif":
                guard words.count == 2 else { throw SLTFile.malformed(name, headerLine, "\(keyword) takes one engine name") }
                if keyword == "onlyif" { onlyEngines.append(words[1]) } else { skippedEngines.append(words[1]) }
                continue
            case "statement":
                let expectation: SLTRecord.Expectation
                if words.count == 2 && words[1] == "ok" {
                    expectation = .succeeds
                } else if words.count >= 2 && words[1] == "error" {
                    expectation = .fails(messageSubstring: SLTFile.rest(of: line, after: 2))
                } else {
                    throw SLTFile.malformed(name, headerLine, "expected 'statement ok' or 'statement error [text]'")
                }
                let sql = SLTFile.takeBlock(lines, from: &index, stopAtDashes: false)
                guard !sql.isEmpty else { throw SLTFile.malformed(name, headerLine, "the statement has no SQL") }
                records.append(SLTRecord(line: headerLine, sql: sql, expectation: expectation,
                                         onlyEngines: onlyEngines, skippedEngines: skippedEngines))
            case "query":
                records.append(try SLTFile.query(words, lines: lines, index: &index, headerLine: headerLine, fileName: name,
                                                 onlyEngines: onlyEngines, skippedEngines: skippedEngines))
            default:
                throw SLTFile.malformed(name, headerLine, "unknown record '\(keyword)'")
            }
            onlyEngines = []
            skippedEngines = []
        }
    }

    private static func query(_ words: [String], lines: [String], index: inout Int, headerLine: Int, fileName: String,
                              onlyEngines: [String], skippedEngines: [String]) throws -> SLTRecord {
        guard words.count >= 2, words.count <= 3, words[1].allSatisfy({ "IRT".contains($0) }) else {
            throw malformed(fileName, headerLine, "expected 'query <types> [rowsort|nosort]' with types of I, R and T")
        }
        let columnTypes = Array(words[1])
        var isRowSorted = false
        if words.count == 3 {
            guard words[2] == "rowsort" || words[2] == "nosort" else {
                throw malformed(fileName, headerLine, "unknown sort mode '\(words[2])'")
            }
            isRowSorted = words[2] == "rowsort"
        }
        let sql = takeBlock(lines, from: &index, stopAtDashes: true)
        guard !sql.isEmpty else { throw malformed(fileName, headerLine, "the query has no SQL") }
        guard index < lines.count, lines[index] == "----" else {
            throw malformed(fileName, headerLine, "the query has no '----' line before its results")
        }
        index += 1
        var expected: [[String]] = []
        while index < lines.count, !lines[index].isEmpty {
            let values = cells(of: lines[index], columnCount: columnTypes.count)
            guard values.count == columnTypes.count else {
                throw malformed(fileName, index + 1, "\(values.count) values, but the query declares \(columnTypes.count) columns")
            }
            expected.append(values)
            index += 1
        }
        return SLTRecord(line: headerLine, sql: sql, expectation: .rows(columnTypes: columnTypes, isRowSorted: isRowSorted, expected: expected),
                         onlyEngines: onlyEngines, skippedEngines: skippedEngines)
    }

    /// The values of one expected row.
    static func cells(of line: String, columnCount: Int) -> [String] {
        if columnCount == 1 { return [line] }
        if line.contains("\t") { return line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        return line.split(separator: " ").map(String.init)
    }

    /// The lines from `index` up to a blank line (or `----` for queries), joined; `index` ends on
    /// the line that stopped it.
    private static func takeBlock(_ lines: [String], from index: inout Int, stopAtDashes: Bool) -> String {
        var block: [String] = []
        while index < lines.count, !lines[index].trimmed.isEmpty, !(stopAtDashes && lines[index] == "----") {
            block.append(lines[index])
            index += 1
        }
        return block.joined(separator: "\n")
    }

    /// The text of `line` after its first `wordCount` words, trimmed.
    private static func rest(of line: String, after wordCount: Int) -> String {
        var remainder = Substring(line)
        for _ in 0..<wordCount {
            remainder = remainder.drop(while: { $0 == " " || $0 == "\t" })
            remainder = remainder.drop(while: { $0 != " " && $0 != "\t" })
        }
        return String(remainder).trimmed
    }

    private static func malformed(_ fileName: String, _ line: Int, _ message: String) -> SluiceError {
        SluiceError.userInput("\(fileName):\(line): \(message)")
    }
}
