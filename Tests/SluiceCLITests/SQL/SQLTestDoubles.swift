import SQL
import SluiceCore
@testable import SluiceCommandLine

/// An engine stand-in: answers statements from a table of results, fails on request, and
/// records what it was asked to run.
final class FakeSQLExecutor: SQLExecutor {
    var results: [String: QueryResult] = [:]
    var failures: [String: SluiceError] = [:]
    var tables: [String: Schema] = [:]
    private(set) var executed: [String] = []
    private(set) var progressWasGiven: [Bool] = []

    func execute(_ sql: String, progress: QueryProgress?) throws -> QueryResult {
        executed.append(sql)
        progressWasGiven.append(progress != nil)
        if let failure = failures[sql] { throw failure }
        if let result = results[sql] { return result }
        return QueryResult(schema: Schema([]), batches: [], message: "OK")
    }

    func tableNames() throws -> [String] { tables.keys.sorted() }

    func schema(ofTable name: String) throws -> Schema {
        guard let schema = tables[name] else { throw SluiceError(.userInput, "no table '\(name)'", condition: .notFound) }
        return schema
    }
}

/// Shell input from a list of lines, then the end of input.
final class ScriptedLineReader: LineReader {
    private var inputs: [LineReadResult]
    private(set) var prompts: [String] = []
    private(set) var remembered: [String] = []

    init(_ inputs: [LineReadResult]) {
        self.inputs = inputs
    }

    convenience init(lines: [String]) {
        self.init(lines.map { .line($0) })
    }

    func readLine(prompt: String) -> LineReadResult {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func remember(_ entry: String) { remembered.append(entry) }
}

/// What a runner wrote, split by stream.
final class CapturedOutput {
    var standard = ""
    var errors = ""
    private(set) var flushCount = 0

    var output: SQLOutput {
        SQLOutput(write: { self.standard += $0 }, writeError: { self.errors += $0 }, flush: { self.flushCount += 1 })
    }
}

enum SQLTestData {
    /// A one-batch result from rows of values.
    static func result(_ schema: Schema, _ rows: [[Value]]) throws -> QueryResult {
        let columns = try schema.fields.indices.map { index in try Column(type: schema.fields[index].type, rows.map { $0[index] }) }
        return QueryResult(schema: schema, batches: [RecordBatch(schema: schema, columns: columns)])
    }
}
