import SluiceCore

/// A GitHub-flavoured Markdown table: the column names, an alignment row (numbers right-aligned),
/// then one line per row. Every row is printed; null is `NULL`. A `|` in a cell is escaped as
/// `\|` and a line break becomes `<br>`, so each row stays one table line; other control
/// characters are escaped as in the boxed table.
///
/// ```
/// | id | name |
/// |---:|---|
/// | 1 | Anna |
/// ```
///
/// Rows are written batch by batch and cells are not padded: Markdown needs no alignment of the
/// source text, and padding would require holding every row.
struct MarkdownFormatter: ResultFormatter {
    private var header: String?

    init(schema: Schema) {
        let names = schema.fields.map { "| " + MarkdownFormatter.cell($0.name) + " " }.joined() + "|\n"
        let alignments = schema.fields.map { field in
            switch field.type {
            case .int32, .int64, .float64, .decimal: "|---:"
            case .boolean, .string, .binary, .date, .timestamp: "|---"
            }
        }.joined() + "|\n"
        header = schema.count == 0 ? "" : names + alignments
    }

    mutating func append(_ batch: RecordBatch) -> String? {
        var text = takeHeader()
        guard batch.columns.count > 0 else { return text }
        for row in 0..<batch.rowCount {
            for column in batch.columns {
                text += "| "
                text += MarkdownFormatter.cell(column[row].description)
                text += " "
            }
            text += "|\n"
        }
        return text
    }

    mutating func finish() -> String? { takeHeader() }

    private mutating func takeHeader() -> String {
        defer { header = nil }
        return header ?? ""
    }

    /// `text` made safe inside a table cell.
    static func cell(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "|" || $0 == "\n" || $0 == "\r" || $0 == "\\" || $0.value < 0x20 })
        else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": result += "\\|"
            case "\\": result += "\\\\"
            case "\r": continue
            case "\n": result += "<br>"
            default: result.unicodeScalars.append(scalar)
            }
        }
        // What is left are tabs and other control characters, escaped as the boxed table does.
        return TerminalText.escapingControlCharacters(result)
    }
}
