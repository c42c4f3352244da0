import ArgumentParser
import SluiceCore
import Warehouse

/// `sluice table history NAME`: the table's versions, newest first.
struct TableHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a table's versions, newest first: time (UTC), operation, parameters and metrics."
    )

    @Argument(help: "The table name.")
    var name: String

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: "Show at most the newest N versions.")
    var limit: Int?

    @Option(help: "Output format: table, csv or json (JSON lines).")
    var format: OutputFormat = .table

    static let schema = Schema([
        Field("version", .int64, nullable: false), Field("timestamp", .string, nullable: false),
        Field("operation", .string, nullable: false), Field("parameters", .string, nullable: false),
        Field("metrics", .string, nullable: false),
    ])

    /// Wide enough for the usual parameters and metrics of one operation on one line.
    static let cellWidthMax = 120

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let table = try warehouse.location().openTable(name)
        let entries = try table.history(limit: limit)
        let rows: [[Value]] = entries.map { entry in
            [.int64(entry.version), .string(CivilTime.formatISOTimestamp(micros: entry.timestampMillis * 1000, fractionDigits: 3)),
             .string(entry.operation), .string(TableHistoryCommand.text(entry.parameters)),
             .string(TableHistoryCommand.text(entry.metrics))]
        }
        let output = StandardOutput()
        let options = ResultRenderer.TableOptions(rowLimit: max(rows.count, 1), cellWidthMax: TableHistoryCommand.cellWidthMax)
        var renderer = ResultRenderer(format: format, schema: TableHistoryCommand.schema, tableOptions: options) { output.write($0) }
        renderer.append(try RecordBatch(schema: TableHistoryCommand.schema, rows: rows))
        renderer.finish()
        output.flush()
    }

    /// `key=value, key=value` in key order; strings bare, everything else as JSON.
    static func text(_ object: [String: JSONValue]) -> String {
        object.sorted { $0.key < $1.key }.map { "\($0.key)=\(text($0.value))" }.joined(separator: ", ")
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .integer(let number): "\(number)"
        case .number(let number): "\(number)"
        case .string(let string): string
        case .array(let items): "[" + items.map { item in
                if case .string(let string) = item { return "\"\(string)\"" }
                return text(item)
            }.joined(separator: ",") + "]"
        case .object(let members): "{" + text(members) + "}"
        }
    }
}
