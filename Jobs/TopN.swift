import Dataflow
import SluiceCore

/// The N groups with the largest total of a column: top customers by spend, top pages by time.
/// Reads CSV, JSON lines or Parquet by the input's extension.
public enum TopN {
    public static let definition = JobDefinition(
        name: "top-n",
        summary: "Finds the N groups with the largest sum of a column (CSV, JSON lines or Parquet input).",
        options: [
            JobOption("input", help: "a .csv, .jsonl or .parquet file or folder", defaultValue: "datasets/orders.csv"),
            JobOption("group-by", help: "the column that names a group", defaultValue: "customer"),
            JobOption("value", help: "the numeric column to add up", defaultValue: "amount"),
            JobOption("n", help: "how many groups to keep", defaultValue: "10"),
            JobOption("output", help: "folder for 'group<TAB>total<TAB>rows' part files (optional)", defaultValue: ""),
            JobOption("overwrite", help: "replace the output folder if it exists", defaultValue: "false"),
            JobOption("table", help: "also save every group's total as this warehouse table (a folder), replacing its rows (optional)",
                      defaultValue: ""),
        ],
        run: run)

    /// A group's running total and row count; rows whose value is null count but add nothing.
    struct Total: ShuffleCodable, Sendable {
        var sum: Double
        var rowCount: Int

        func encode(into writer: inout RecordWriter) {
            sum.encode(into: &writer)
            rowCount.encode(into: &writer)
        }

        static func decode(from reader: inout RecordReader) throws(SluiceError) -> Total {
            Total(sum: try Double.decode(from: &reader), rowCount: try Int.decode(from: &reader))
        }

        static func + (left: Total, right: Total) -> Total {
            Total(sum: left.sum + right.sum, rowCount: left.rowCount + right.rowCount)
        }
    }

    @Sendable
    static func run(context: DataflowContext, arguments: JobArguments) async throws -> JobSummary {
        let input = try arguments.string("input")
        let groupColumn = try arguments.string("group-by")
        let valueColumn = try arguments.string("value")
        let limit = try arguments.int("n")
        let rows: Dataset<Row>
        if input.hasSuffix(".csv") {
            rows = try context.csvFile(input, quotedLineBreaks: true)
        } else if input.hasSuffix(".parquet") {
            rows = try context.parquetFile(input, columns: [groupColumn, valueColumn])
        } else {
            rows = try context.jsonLines(input)
        }
        let totals = rows
            .map { row -> (String, Total) in
                let group = try row[groupColumn].description
                return (group, Total(sum: try row.double(valueColumn) ?? 0, rowCount: 1))
            }
            .reduceByKey(+)
        let output = try arguments.string("output")
        if !output.isEmpty {
            try await totals.saveText(to: output, overwrite: arguments.bool("overwrite")) { group, total in
                "\(group)\t\(total.sum)\t\(total.rowCount)"
            }
        }
        // KeyValue, not a tuple: on a cluster the action's result travels between processes.
        let table = try arguments.string("table")
        if !table.isEmpty {
            // One commit of every task's Parquet file: readers see all totals or none.
            let schema = Schema([Field(groupColumn, .string, nullable: false), Field("total", .float64, nullable: false),
                                 Field("rows", .int64, nullable: false)])
            let rows = totals.map { group, total in
                Row(schema: schema, values: [.string(group), .float64(total.sum), .int64(Int64(total.rowCount))])
            }
            try await rows.saveAsTable(table, schema: schema, mode: .overwrite)
        }
        let top = try await totals.map { group, total in KeyValue(group, total) }
            .takeOrdered(limit) { ($0.value.sum, $1.key) > ($1.value.sum, $0.key) }
        return JobSummary(lines: ["top \(limit) \(groupColumn) by total \(valueColumn):"]
            + top.map { pair in "  \(pair.key)\t\((pair.value.sum * 100).rounded() / 100)\t(\(pair.value.rowCount) rows)" })
    }
}
