import SQL
import Testing

/// The 22 TPC-H queries at scale factor 0.01 run by Sluice and by DuckDB over the same Parquet
/// files (written by `tpchgen-cli`), with the same query text; the results must agree.
@Suite struct TPCHInteropTests {
    /// What every query's test shares, prepared once per process: the tables, DuckDB's answers
    /// (one Python run for all 22) and the Sluice runner.
    struct Fixture: Sendable {
        let dataDirectory: String
        let answers: TPCHAnswerFile

        static let shared = Result { () throws -> Fixture in
            let environment = try InteropEnvironment.shared()
            let directory = try environment.tpchTablesDirectory()
            return Fixture(dataDirectory: directory, answers: try environment.tpchAnswers(dataDirectory: directory))
        }

        static let runner = Result { () throws -> TPCHQueryRunner in
            let fixture = try shared.get()
            return try TPCHSluiceWiring.makeRunner(dataDirectory: fixture.dataDirectory, tableNames: TPCHQueries.tableNames)
        }
    }

    @Test(arguments: TPCHQueries.numbers)
    func sluiceAgreesWithDuckDB(number: Int) throws {
        let name = TPCHQueries.name(number)
        let fixture = try Fixture.shared.get()
        let expected = try #require(fixture.answers.answers[name], "DuckDB gave no answer to \(name)")
        let text = try TPCHQueries.text(number)
        let runner = try Fixture.runner.get()
        let actual: QueryResult
        do {
            actual = try runner.execute(text)
        } catch {
            Issue.record("\(name) failed in Sluice: \(error)")
            return
        }
        let comparison = TPCHResultComparison(queryName: name, expected: expected, isOrdered: try TPCHQueries.isOrdered(text))
        for difference in comparison.differences(actual) {
            Issue.record(Comment(rawValue: difference))
        }
    }

    /// The reference side on its own, so a broken DuckDB run is told apart from a Sluice bug:
    /// every query answers, with the row counts TPC-H gives at this scale factor.
    @Test func duckDBAnswersEveryQuery() throws {
        let answers = try Fixture.shared.get().answers.answers
        #expect(answers.count == TPCHQueries.numbers.count)
        let rowCounts = TPCHQueries.numbers.map { answers[TPCHQueries.name($0)]?.rows.count ?? -1 }
        #expect(rowCounts == [4, 4, 10, 5, 5, 1, 4, 2, 173, 20, 359, 2, 33, 1, 1, 296, 1, 2, 1, 1, 1, 7])
        for (name, answer) in answers {
            #expect(answer.columns.count == answer.kinds.count, "\(name)")
            #expect(answer.rows.allSatisfy { $0.count == answer.columns.count }, "\(name)")
        }
    }
}
