import SluiceCore
import Testing
@testable import SQL

@Suite struct SessionTests {
    @Test func parametersAreValuesNotText() throws {
        try SessionTestSupport.withSession { session in
            try SessionTestSupport.createTPCHTables(session, rows: true)
            let result = try session.execute("SELECT n_name FROM nation WHERE n_regionkey = $1 AND n_name <> $2 ORDER BY n_name",
                                              parameters: [.int32(1), .string("BRAZIL")])
            #expect(SessionTestSupport.rows(result) == ["ARGENTINA"])
            // A value that looks like SQL stays a value.
            let injected = try session.execute("SELECT count(*) FROM nation WHERE n_name = ?", parameters: [.string("x' OR '1'='1")])
            #expect(SessionTestSupport.rows(injected) == ["0"])
        }
    }

    @Test func errorsNameWhatIsWrong() throws {
        try SessionTestSupport.withSession { session in
            try SessionTestSupport.createTPCHTables(session, rows: true)
            let unknown = #expect(throws: SluiceError.self) { try session.execute("SELECT n_nmae FROM nation") }
            #expect(unknown?.message.contains("did you mean 'n_name'") == true, "\(String(describing: unknown))")
            #expect(unknown?.location?.column == 8)
            let table = #expect(throws: SluiceError.self) { try session.execute("SELECT * FROM natoin") }
            #expect(table?.message.contains("nation") == true, "\(String(describing: table))")
            let division = #expect(throws: SluiceError.self) { try session.execute("SELECT n_nationkey // 0 FROM nation") }
            #expect(division?.fault == .data || division?.fault == .userInput)
            let zero = #expect(throws: SluiceError.self) { try session.execute("SELECT 1 % n_nationkey FROM nation") }
            #expect(zero?.message.contains("division by zero") == true, "\(String(describing: zero))")
            let type = #expect(throws: SluiceError.self) { try session.execute("SELECT n_name + 1 FROM nation") }
            #expect(type?.fault == .userInput)
        }
    }

    @Test func manyThreadsGiveTheSameRowsAsOne() throws {
        let query = """
            SELECT c_name, count(*), sum(l_extendedprice) FROM customer, orders, lineitem
            WHERE c_custkey = o_custkey AND o_orderkey = l_orderkey GROUP BY c_name ORDER BY c_name
            """
        var results: [[String]] = []
        for threads in [1, 4] {
            results.append(try SessionTestSupport.withSession(threadCount: threads) { session in
                try SessionTestSupport.createTPCHTables(session, rows: true)
                return SessionTestSupport.rows(try session.execute(query))
            })
        }
        #expect(results[0] == results[1])
        #expect(results[0].count == 2)
    }
}
