import Foundation
import Testing

/// The expected rows of the sqllogictest files (`Tests/SQLTests/slt`) are DuckDB's: every record
/// that applies to DuckDB runs there (`python/slt_duckdb.py`), and its outcome must be what the
/// file says, so the files stay right whatever Sluice does.
@Suite struct SLTDuckDBTests {
    struct Failure: Decodable {
        var file: String
        var line: Int
        var message: String
    }

    static var sltDirectory: String { InteropEnvironment.packageRootPath + "/Tests/SQLTests/slt" }

    @Test func duckDBGivesTheExpectedRows() throws {
        let environment = try InteropEnvironment.shared()
        let names = try FileManager.default.contentsOfDirectory(atPath: SLTDuckDBTests.sltDirectory)
            .filter { $0.hasSuffix(".slt") }.sorted()
        #expect(!names.isEmpty)
        let failures = try TemporaryDirectory.with { scratch in
            let outputPath = scratch + "/failures.json"
            try environment.runScript("slt_duckdb.py", ["check", outputPath, SLTDuckDBTests.sltDirectory + "/fixtures"]
                + names.map { SLTDuckDBTests.sltDirectory + "/" + $0 })
            return try CanonicalDump.decode([Failure].self, fromFile: outputPath)
        }
        for failure in failures {
            let path = SLTDuckDBTests.sltDirectory + "/" + failure.file
            Issue.record(Comment(rawValue: "\(failure.file):\(failure.line): \(failure.message)"),
                         sourceLocation: SourceLocation(fileID: "SQLTests/" + failure.file, filePath: path, line: failure.line, column: 1))
        }
    }
}
