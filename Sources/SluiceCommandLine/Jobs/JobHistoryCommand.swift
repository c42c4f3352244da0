import ArgumentParser
import SluiceCore

/// `sluice job history`: recent runs, newest first.
struct JobHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recent runs, newest first: id, job, status, start (UTC), time, master, mode and arguments."
    )

    @Option(help: "Show at most the newest N runs.")
    var limit: Int = 20

    @Option(help: "Output format: table, csv or json (JSON lines).")
    var format: OutputFormat = .table

    static let schema = Schema([
        Field("id", .string, nullable: false), Field("job", .string, nullable: false),
        Field("status", .string, nullable: false), Field("started", .string, nullable: false),
        Field("time", .string, nullable: false), Field("master", .string, nullable: false),
        Field("mode", .string, nullable: false), Field("arguments", .string, nullable: false),
    ])

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let history = JobHistory.default()
        let records = try history.records().prefix(limit)
        let output = StandardOutput()
        guard !records.isEmpty || format != .table else {
            output.write("no jobs submitted yet (history: \(history.filePath))\n")
            output.flush()
            return
        }
        let rows: [[Value]] = records.map { record in
            [.string(record.id), .string(record.job), .string(record.status.rawValue), .string(record.startTime),
             .string(JobRunReport.seconds(millis: record.durationMillis)), .string(record.master), .string(record.mode),
             .string(record.arguments.joined(separator: " "))]
        }
        let options = ResultRenderer.TableOptions(rowLimit: max(rows.count, 1), cellWidthMax: 80)
        var renderer = ResultRenderer(format: format, schema: JobHistoryCommand.schema, tableOptions: options) { output.write($0) }
        renderer.append(try RecordBatch(schema: JobHistoryCommand.schema, rows: rows))
        renderer.finish()
        output.flush()
    }
}
