import Foundation
import SQLParser
import Testing

/// Runs every `.slt` file of `Tests/SQLTests/slt` through Sluice, each in a fresh session over
/// its own temporary warehouse folder holding copies of `slt/fixtures`. Failures point at the
/// record's line in the `.slt` file. The expected rows are DuckDB's (`InteropTests` checks the
/// files against DuckDB).
@Suite struct SLTFileTests {
    static let sltDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SLT
        .deletingLastPathComponent()  // SQLTests
        .appendingPathComponent("slt").path

    static var fixtureDirectory: String { sltDirectory + "/fixtures" }

    /// The `.slt` files, sorted by name.
    static let fileNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sltDirectory)) ?? []
        return names.filter { $0.hasSuffix(".slt") }.sorted()
    }()

    @Test func theFilesAreFound() {
        #expect(SLTFileTests.fileNames.count >= 10)
    }

    /// Every statement Sluice runs is one the parser accepts, except those expected to fail
    /// with a syntax error, which it rejects: the files keep to the implemented grammar.
    @Test(arguments: SLTFileTests.fileNames)
    func parses(_ name: String) throws {
        let path = SLTFileTests.sltDirectory + "/" + name
        let file = try SLTFile(name: name, text: String(contentsOfFile: path, encoding: .utf8))
        for record in file.records where record.applies(to: SLTSessionWiring.engineName) {
            let location = SourceLocation(fileID: "SQLTests/" + name, filePath: path, line: record.line, column: 1)
            let sql = record.sql.replacingOccurrences(of: "__TEST_DIR__", with: "/tmp")
            if case .fails(let substring) = record.expectation, substring == "syntax error" {
                #expect(throws: SQLSyntaxError.self, "\(name):\(record.line)", sourceLocation: location) { try Parser.parseStatement(sql) }
            } else {
                #expect(throws: Never.self, "\(name):\(record.line)", sourceLocation: location) { try Parser.parseStatement(sql) }
            }
        }
    }

    @Test(arguments: SLTFileTests.fileNames)
    func file(_ name: String) throws {
        let path = SLTFileTests.sltDirectory + "/" + name
        let file = try SLTFile(name: name, text: String(contentsOfFile: path, encoding: .utf8))
        let directory = NSTemporaryDirectory() + "sluice-slt-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for fixture in try FileManager.default.contentsOfDirectory(atPath: SLTFileTests.fixtureDirectory) {
            try FileManager.default.copyItem(atPath: SLTFileTests.fixtureDirectory + "/" + fixture, toPath: directory + "/" + fixture)
        }
        let executor = try SLTSessionWiring.makeExecutor(warehouseDirectory: directory)
        let failures = SLTRunner(file: file, executor: executor, testDirectory: directory).run()
        for failure in failures {
            Issue.record(Comment(rawValue: failure.description),
                         sourceLocation: SourceLocation(fileID: "SQLTests/" + name, filePath: path, line: failure.line, column: 1))
        }
    }
}
