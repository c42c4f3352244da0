import Foundation
import SQL
import SluiceCore

/// Runs the records of one sqllogictest file, in order, against one executor and lists every
/// failure with its file and line. A failed record does not stop the run: later
/// records still run (and may fail in turn because of it).
///
/// Threading: runs on the calling thread.
struct SLTRunner {
    let file: SLTFile
    let executor: SLTExecutor
    /// What `__TEST_DIR__` in SQL stands for.
    let testDirectory: String
    /// Records limited by `onlyif`/`skipif` run when they apply to this engine.
    var engineName = SLTSessionWiring.engineName

    /// Runs every applicable record; returns the failures, empty when all passed.
    func run() -> [SLTFailure] {
        var failures: [SLTFailure] = []
        for record in file.records where record.applies(to: engineName) {
            if let message = check(record) {
                failures.append(SLTFailure(fileName: file.name, line: record.line, message: message, sql: record.sql))
            }
        }
        return failures
    }

    /// What is wrong with the record's outcome, or nil when it is as expected.
    func check(_ record: SLTRecord) -> String? {
        let sql = record.sql.replacingOccurrences(of: "__TEST_DIR__", with: testDirectory)
        let result: QueryResult
        do {
            result = try executor.execute(sql)
        } catch {
            let message = String(describing: error)
            guard case .fails(let substring) = record.expectation else { return "unexpected error: \(message)" }
            if substring.isEmpty || message.lowercased().contains(substring.lowercased()) { return nil }
            return "the error does not mention \(substring.debugDescription): \(message)"
        }
        switch record.expectation {
        case .succeeds:
            return nil
        case .fails(let substring):
            return "expected an error" + (substring.isEmpty ? "" : " mentioning \(substring.debugDescription)") + ", but it succeeded"
        case .rows(let columnTypes, let isRowSorted, let expected):
            return SLTRunner.compare(result, columnTypes: columnTypes, isRowSorted: isRowSorted, expected: expected)
        }
    }

    static func compare(_ result: QueryResult, columnTypes: [Character], isRowSorted: Bool, expected: [[String]]) -> String? {
        guard result.schema.count == columnTypes.count else {
            return "\(result.schema.count) columns (\(result.schema.fields.map(\.name).joined(separator: ", "))), expected \(columnTypes.count)"
        }
        let batch = result.combined
        var actual = (0..<batch.rowCount).map { row in
            zip(batch.columns, columnTypes).map { column, type in SLTValueFormatter.text(column[row], columnType: type) }
        }
        var wanted = expected
        if isRowSorted {
            actual.sort { rowText($0).utf8.lexicographicallyPrecedes(rowText($1).utf8) }
            wanted.sort { rowText($0).utf8.lexicographicallyPrecedes(rowText($1).utf8) }
        }
        guard actual != wanted else { return nil }
        var lines = ["rows differ (got \(actual.count), expected \(wanted.count))"]
        for row in 0..<max(actual.count, wanted.count) {
            let got = row < actual.count ? rowText(actual[row]) : "(none)"
            let want = row < wanted.count ? rowText(wanted[row]) : "(none)"
            lines.append((got == want ? "  " : "≠ ") + "row \(row + 1): got \(got.debugDescription), expected \(want.debugDescription)")
        }
        return lines.joined(separator: "\n")
    }

    /// A row as one line, values joined by tabs: the text rows sort by.
    static func rowText(_ row: [String]) -> String {
        row.joined(separator: "\t")
    }
}
