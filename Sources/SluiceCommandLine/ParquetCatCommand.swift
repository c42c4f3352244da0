import ArgumentParser
import Parquet
import SluiceCore

/// `sluice parquet cat FILE`: prints rows.
struct ParquetCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print the rows of a Parquet file.",
        discussion: """
            --where skips row groups whose statistics rule the predicate out, then filters rows; \
            write it as "column op value" with op one of = != < <= > >=.
            """
    )

    @Argument(help: "The Parquet file.")
    var file: String

    @Option(help: "Print at most this many rows.")
    var limit: Int?

    @Option(help: "Output format: table, csv or json (JSON lines).")
    var format: OutputFormat = .table

    @Option(help: "Comma-separated columns to print (default: all).")
    var columns: String?

    @Option(name: .customLong("where"), help: "Only rows matching 'column op value'.")
    var predicate: String?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be zero or more") }
    }

    func run() throws {
        let (fileSystem, path) = try FileSystemRegistry.shared.resolve(file)
        let reader = try ParquetReader(fileSystem: fileSystem, path: path)
        let predicates = try predicate.map { [try ColumnPredicate(parsing: $0)] } ?? []
        var names = columns.map { $0.split(separator: ",").map { $0.trimmed } }
        if var selected = names, let predicate = predicates.first, !selected.contains(predicate.column) {
            selected.append(predicate.column)  // Needed to filter rows; dropped before printing.
            names = selected
        }
        var batches = try reader.batches(columns: names, predicates: predicates)
        let printedColumns = columns.map { $0.split(separator: ",").map { $0.trimmed } }
        let printedSchema = try printedColumns.map { try reader.schema.projecting($0) } ?? reader.schema
        let output = StandardOutput()
        var tableOptions = ResultRenderer.TableOptions()
        if let limit { tableOptions.rowLimit = max(limit, 1) }
        var renderer = ResultRenderer(format: format, schema: printedSchema, tableOptions: tableOptions) { output.write($0) }
        var remaining = limit ?? Int.max
        while remaining > 0, let batch = try batches.next() {
            var rows = batch
            for predicate in predicates { rows = try rows.filter(predicate) }
            if let printedColumns, printedColumns.count != rows.schema.count {
                let keep = printedColumns.compactMap { rows.schema.index(of: $0) }
                rows = RecordBatch(schema: printedSchema, columns: keep.map { rows.columns[$0] })
            }
            if rows.rowCount > remaining { rows = rows.slice(0..<remaining) }
            remaining -= rows.rowCount
            renderer.append(rows)
        }
        renderer.finish()
        output.flush()
    }
}

extension OutputFormat: ExpressibleByArgument {}
