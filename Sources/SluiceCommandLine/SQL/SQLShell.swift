import SQLParser
import SluiceCore

/// The interactive SQL shell: reads lines, runs each statement once its `;` is typed (a
/// statement may span lines; the prompt shows `   ...> ` until it is complete), and handles dot
/// commands typed on a line of their own. Errors are printed and the shell goes on.
///
/// Not `Sendable`: one thread drives it.
final class SQLShell {
    static let prompt = "sluice> "
    static let continuationPrompt = "   ...> "

    private let runner: SQLStatementRunner
    private let reader: any LineReader

    init(runner: SQLStatementRunner, reader: any LineReader) {
        self.runner = runner
        self.reader = reader
    }

    /// Reads and runs until `.quit` or the end of input. A statement left without its `;` at
    /// the end of input still runs.
    /// - Returns: whether every statement and command succeeded.
    func run() -> Bool {
        var pending = ""
        var hasFailed = false
        while true {
            switch reader.readLine(prompt: pending.isEmpty ? SQLShell.prompt : SQLShell.continuationPrompt) {
            case .endOfInput:
                if let statement = SQLScriptSplitter.split(pending).unterminated {
                    reader.remember(statement.text)
                    if runner.run(statement, script: pending) != nil { hasFailed = true }
                }
                return !hasFailed
            case .interrupted:
                pending = ""
            case .line(let line):
                if pending.isEmpty, line.trimmed.hasPrefix(".") {
                    reader.remember(line.trimmed)
                    switch handle(line) {
                    case .quit: return !hasFailed
                    case .failed: hasFailed = true
                    case .done: break
                    }
                    continue
                }
                pending += pending.isEmpty ? line : "\n" + line
                let split = SQLScriptSplitter.split(pending)
                for statement in split.statements {
                    reader.remember(statement.text + ";")
                    if runner.run(statement, script: pending) != nil { hasFailed = true }
                }
                pending = split.isWaitingForMore ? split.rest : ""
            }
        }
    }

    private enum CommandOutcome { case done, failed, quit }

    private func handle(_ line: String) -> CommandOutcome {
        do {
            switch try DotCommand.parse(line) {
            case .tables:
                for name in try runner.executor.tableNames() { runner.output.write(name + "\n") }
            case .schema(let table):
                let names = try table.map { [$0] } ?? runner.executor.tableNames()
                for name in names {
                    runner.output.write(SQLShell.createStatement(name, schema: try runner.executor.schema(ofTable: name)))
                }
            case .timer(let isOn):
                runner.showsTimer = isOn
            case .mode(let format):
                runner.format = format
            case .help:
                runner.output.write(DotCommand.helpText)
            case .quit:
                runner.output.flush()
                return .quit
            }
            runner.output.flush()
            return .done
        } catch {
            runner.output.flush()
            runner.output.writeError("\(error)\n")
            return .failed
        }
    }

    /// A table's columns as the `CREATE TABLE` statement that makes it.
    static func createStatement(_ name: String, schema: Schema) -> String {
        let columns = schema.fields.map { field in
            "    " + quotedIfNeeded(field.name) + " " + field.type.description + (field.isNullable ? "" : " NOT NULL")
        }
        return "CREATE TABLE \(quotedIfNeeded(name)) (\n" + columns.joined(separator: ",\n") + "\n);\n"
    }

    /// A name as SQL text: bare when it is a plain lowercase identifier and no reserved word,
    /// else in double quotes.
    static func quotedIfNeeded(_ name: String) -> String {
        let isPlain = (name.unicodeScalars.first.map { ("a"..."z").contains($0) || $0 == "_" } ?? false)
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && Keyword(rawValue: name)?.isReserved != true
        return isPlain ? name : "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
