import SluiceCore

/// The text that ends `sluice submit` and that `sluice job status` shows: how the run went, a
/// table of its stages (time, tasks, records in and out, shuffle bytes, spilled bytes), then the
/// lines the job reported.
///
/// ```
/// run 20250114-093012-3f9a: wordcount succeeded in 0.412 s (local[2], dataflow)
/// ┌───────┬────────┬───────────────────────────┬─────────┬───────┬ ...
/// ```
enum JobRunReport {
    static let stageSchema = Schema([
        Field("stage", .int64, nullable: false), Field("kind", .string, nullable: false),
        Field("pipeline", .string, nullable: false), Field("time", .string, nullable: false),
        Field("tasks", .int64, nullable: false), Field("records in", .int64, nullable: false),
        Field("records out", .int64, nullable: false), Field("shuffle written", .string, nullable: false),
        Field("shuffle read", .string, nullable: false), Field("spilled", .string, nullable: false),
    ])

    /// - Parameter tableWidthMax: the terminal width, or nil when the text goes to a file.
    static func text(_ record: JobRunRecord, tableWidthMax: Int?) -> String {
        var text = "run \(record.id): \(record.job) \(record.status.rawValue) in \(seconds(millis: record.durationMillis))"
            + " (\(record.master), \(record.mode))\n"
        if let message = record.message { text += "\(message)\n" }
        if !record.stages.isEmpty {
            text += stageTable(record.stages, tableWidthMax: tableWidthMax)
            let skipped = record.stages.reduce(0) { $0 + $1.badRecordsSkipped }
            if skipped > 0 { text += "bad records skipped: \(skipped)\n" }
        }
        for line in record.summary { text += line + "\n" }
        return text
    }

    static func stageTable(_ stages: [StageRun], tableWidthMax: Int?) -> String {
        let rows: [[Value]] = stages.map { stage in
            [.int64(Int64(stage.stageId)), .string(stage.kind), .string(stage.name),
             .string(stage.elapsedMillis.map { seconds(millis: $0) } ?? "unfinished"),
             .int64(Int64(stage.elapsedMillis == nil ? stage.tasksDone : stage.taskCount)),
             .int64(Int64(stage.recordsRead)), .int64(Int64(stage.recordsWritten)),
             .string(ByteCountText.format(Int64(stage.shuffleBytesWritten))),
             .string(ByteCountText.format(Int64(stage.shuffleBytesRead))),
             .string(ByteCountText.format(Int64(stage.spilledBytes)))]
        }
        var text = ""
        let options = ResultRenderer.TableOptions(rowLimit: max(rows.count, 1), cellWidthMax: 60, tableWidthMax: tableWidthMax)
        var renderer = ResultRenderer(format: .table, schema: stageSchema, tableOptions: options) { text += $0 }
        do {
            renderer.append(try RecordBatch(schema: stageSchema, rows: rows))
        } catch {
            return "stages: \(error)\n"  // Unreachable: every value matches its column.
        }
        renderer.finish()
        return text
    }

    /// `0.412 s`.
    static func seconds(millis: Int64) -> String {
        SQLStatementRunner.seconds(.milliseconds(millis))
    }
}
