#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import SQLParser

/// The text of TPC-H query `number` (1...22) from the `tpch` folder beside this file.
func tpchQueryText(_ number: Int, filePath: String = #filePath) throws -> String {
    let folder = filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    let path = folder + "/tpch/q" + (number < 10 ? "0" : "") + String(number) + ".sql"
    return try readTextFile(path)
}

private func readTextFile(_ path: String) throws -> String {
    struct ReadFailure: Error { let path: String }
    guard let file = fopen(path, "rb") else { throw ReadFailure(path: path) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Parses, prints and reparses `sql`, expecting the same tree both times and a printed form that
/// is a fixed point; returns the first tree.
@discardableResult
func expectRoundTrip(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Statement {
    let statement = try Parser.parseStatement(sql)
    let printed = statement.description
    let reparsed: Statement
    do {
        reparsed = try Parser.parseStatement(printed)
    } catch {
        Issue.record("printed form does not parse: \(error)\n\(printed)", sourceLocation: sourceLocation)
        return statement
    }
    #expect(reparsed == statement, "reparsed tree differs for \(printed)", sourceLocation: sourceLocation)
    #expect(reparsed.description == printed, sourceLocation: sourceLocation)
    return statement
}

/// The error `sql` fails with, or nil (recorded as an issue) when it parses.
func syntaxError(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) -> SQLSyntaxError? {
    do {
        let statements = try Parser.parseStatements(sql)
        Issue.record("expected a syntax error, parsed \(statements)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

func expression(_ sql: String) throws -> Expression {
    try Parser.parseExpression(sql)
}

/// The single SELECT of a query text.
func select(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Select {
    let query = try Parser.parseQuery(sql)
    guard case .select(let select) = query.body else {
        Issue.record("not a plain SELECT: \(query)", sourceLocation: sourceLocation)
        throw SQLSyntaxError("not a plain SELECT", at: .unknown)
    }
    return select
}
