import Foundation
import SQLParser

/// The 22 TPC-H query texts the parser tests use (`Tests/SQLParserTests/tpch/qNN.sql`), read from
/// the source tree so DuckDB and Sluice run the very same text.
enum TPCHQueries {
    static let numbers = Array(1...22)

    /// The tables of the TPC-H schema, which `tpchgen-cli` writes as `<name>.parquet`.
    static let tableNames = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]

    static var directory: String { InteropEnvironment.packageRootPath + "/Tests/SQLParserTests/tpch" }

    /// `q01` ... `q22`.
    static func name(_ number: Int) -> String {
        number < 10 ? "q0\(number)" : "q\(number)"
    }

    static func text(_ number: Int) throws -> String {
        let path = directory + "/" + name(number) + ".sql"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InteropFailure("cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether the query's outermost level has ORDER BY, which makes row order part of the answer.
    static func isOrdered(_ text: String) throws -> Bool {
        guard case .query(let query) = try Parser.parseStatement(text) else {
            throw InteropFailure("not a query: \(text.prefix(60))")
        }
        return !query.orderBy.isEmpty
    }
}
