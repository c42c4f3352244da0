import ArgumentParser
import SluiceCore
import Warehouse

/// `sluice table list`: every table of the warehouse with its size.
struct TableListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the warehouse's tables: version, data files, rows, size and partition columns."
    )

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: "Output format: table, csv or json (JSON lines).")
    var format: OutputFormat = .table

    static let schema = Schema([
        Field("name", .string, nullable: false), Field("version", .int64, nullable: false),
        Field("files", .int64, nullable: false), Field("rows", .int64), Field("size_bytes", .int64, nullable: false),
        Field("partition_columns", .string, nullable: false),
    ])

    func run() throws {
        let location = try warehouse.location()
        var rows: [[Value]] = []
        for name in try location.tableNames() {
            do {
                let snapshot = try location.openTable(name).snapshot()
                rows.append([
                    .string(name), .int64(snapshot.version), .int64(Int64(snapshot.files.count)),
                    snapshot.rowCount.map { .int64($0) } ?? .null, .int64(snapshot.sizeBytes),
                    .string(snapshot.partitionColumns.joined(separator: ",")),
                ])
            } catch let error as SluiceError {
                // One broken table should not hide the others.
                writeStandardError("sluice: skipping table '\(name)': \(error)\n")
            }
        }
        let output = StandardOutput()
        var renderer = ResultRenderer(format: format, schema: TableListCommand.schema,
                                      tableOptions: .init(rowLimit: max(rows.count, 1))) { output.write($0) }
        renderer.append(try RecordBatch(schema: TableListCommand.schema, rows: rows))
        renderer.finish()
        output.flush()
    }
}
