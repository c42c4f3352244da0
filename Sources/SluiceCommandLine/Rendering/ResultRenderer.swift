import SluiceCore

/// Turns a stream of record batches into text in one `OutputFormat`, handing the text to a
/// sink (standard output in the CLI, a string in tests).
///
/// Call `append` for each batch, then `finish` once. CSV and JSON text is passed to the sink
/// batch by batch; a table is printed at `finish`, since its column widths depend on every row
/// shown. Memory stays bounded: a table keeps only the rows it will show.
///
/// Not `Sendable`: it owns a sink closure and is used by one thread.
struct ResultRenderer {
    /// How tables are laid out.
    struct TableOptions: Sendable {
        /// Rows shown at most; beyond it the first and last halves are shown with a note.
        var rowLimit = 40
        /// Columns a cell may take; longer text is cut with `…`.
        var cellWidthMax = 40
        /// Terminal columns the whole table may take; when the columns do not fit, middle
        /// columns are left out and a `…` column stands in their place. Nil: no bound.
        var tableWidthMax: Int?

        init(rowLimit: Int = 40, cellWidthMax: Int = 40, tableWidthMax: Int? = nil) {
            self.rowLimit = max(rowLimit, 1)
            self.cellWidthMax = max(cellWidthMax, 1)
            self.tableWidthMax = tableWidthMax.map { max($0, 8) }
        }
    }

    private var formatter: any ResultFormatter
    private let sink: (String) -> Void
    private var isFinished = false

    /// - Parameters:
    ///   - format: the output format.
    ///   - schema: the columns of every batch to come (the header needs them even with no rows).
    ///   - tableOptions: layout of the `table` format; ignored by the others.
    ///   - sink: receives the text in order; each piece ends with a line break.
    init(format: OutputFormat, schema: Schema, tableOptions: TableOptions = .init(), sink: @escaping (String) -> Void) {
        switch format {
        case .table: formatter = TableFormatter(schema: schema, options: tableOptions)
        case .csv: formatter = CSVFormatter(schema: schema)
        case .json: formatter = JSONLinesFormatter(schema: schema)
        case .markdown: formatter = MarkdownFormatter(schema: schema)
        }
        self.sink = sink
    }

    /// Renders one batch.
    /// - Precondition: the batch has the schema given at `init`, and `finish` was not called.
    mutating func append(_ batch: RecordBatch) {
        precondition(!isFinished, "append after finish")
        if let text = formatter.append(batch), !text.isEmpty { sink(text) }
    }

    /// Writes whatever is left (the whole table, or the CSV header of an empty result).
    mutating func finish() {
        guard !isFinished else { return }
        isFinished = true
        if let text = formatter.finish(), !text.isEmpty { sink(text) }
    }

    /// Renders batches into one string, for tests and small results.
    static func render(
        _ batches: [RecordBatch], schema: Schema, format: OutputFormat, tableOptions: TableOptions = .init()
    ) -> String {
        var output = ""
        var renderer = ResultRenderer(format: format, schema: schema, tableOptions: tableOptions) { output += $0 }
        for batch in batches { renderer.append(batch) }
        renderer.finish()
        return output
    }
}

/// One output format's state between batches.
protocol ResultFormatter {
    /// Text for this batch, or nil to hold it until `finish`.
    mutating func append(_ batch: RecordBatch) -> String?
    /// The remaining text.
    mutating func finish() -> String?
}
