import SQL
import SluiceCore
import Testing

/// The comparison on its own, with hand-made results: tolerance, NULLs, dates, order and names.
@Suite struct TPCHResultComparisonTests {
    let answer = TPCHAnswer(columns: ["flag", "total", "day", "sum(x)"], types: ["VARCHAR", "DECIMAL(38,2)", "DATE", "DOUBLE"],
                            kinds: [.text, .number, .date, .number],
                            rows: [["A", "10.50", "9200", "0.1"], ["B", nil, "9201", "2.0"]])

    func result(names: [String] = ["flag", "total", "day", "sum_x"], rows: [[Value]]) throws -> QueryResult {
        let types: [DataType] = [.string, .decimal(precision: 38, scale: 2), .date, .float64]
        let schema = Schema(zip(names, types).map { Field($0, $1) })
        let columns = try types.indices.map { index in try Column(type: types[index], rows.map { $0[index] }) }
        return QueryResult(schema: schema, batches: [RecordBatch(schema: schema, columns: columns)])
    }

    @Test func agreesWithinTheTolerance() throws {
        let actual = try result(rows: [[.string("A"), .decimal(1050, scale: 2), .date(9200), .float64(0.1 + 1e-12)],
                                       [.string("B"), .null, .date(9201), .float64(2)]])
        #expect(TPCHResultComparison(queryName: "q99", expected: answer, isOrdered: true).differences(actual).isEmpty)
    }

    @Test func namesTheRowAndColumnOfEachDifference() throws {
        let actual = try result(names: ["flag", "sum", "day", "x"],
                                rows: [[.string("A"), .decimal(1051, scale: 2), .date(9200), .float64(0.1)],
                                       [.string("B"), .decimal(0, scale: 2), .date(9202), .float64(2)]])
        let differences = TPCHResultComparison(queryName: "q99", expected: answer, isOrdered: true).differences(actual)
        #expect(differences.count == 4)
        #expect(differences[0].hasPrefix("q99 column 2: named \"sum\""))
        #expect(differences[1].hasPrefix("q99 row 1 column total: got 10.51"))
        #expect(differences[2].hasPrefix("q99 row 2 column total: got 0.00"))
        #expect(differences[3].contains("row 2 column day: got 1995-03-13") && differences[3].contains("expected 1995-03-12"))
    }

    @Test func ordersMatterOnlyForOrderedQueries() throws {
        let actual = try result(rows: [[.string("B"), .null, .date(9201), .float64(2)],
                                       [.string("A"), .decimal(1050, scale: 2), .date(9200), .float64(0.1)]])
        #expect(TPCHResultComparison(queryName: "q99", expected: answer, isOrdered: false).differences(actual).isEmpty)
        #expect(!TPCHResultComparison(queryName: "q99", expected: answer, isOrdered: true).differences(actual).isEmpty)
    }

    @Test func reportsMissingRowsAndColumns() throws {
        let oneRow = try result(rows: [[.string("A"), .decimal(1050, scale: 2), .date(9200), .float64(0.1)]])
        #expect(TPCHResultComparison(queryName: "q99", expected: answer, isOrdered: true).differences(oneRow) == ["q99: 1 rows, expected 2"])
        let schema = Schema([Field("flag", .string)])
        let narrow = QueryResult(schema: schema, batches: [])
        #expect(TPCHResultComparison(queryName: "q99", expected: answer, isOrdered: true).differences(narrow).first?.hasPrefix("q99: 1 columns") == true)
    }
}
