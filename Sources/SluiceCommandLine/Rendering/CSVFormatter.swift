import SluiceCore

/// CSV output (RFC 4180 quoting, LF line ends): a header of column names, then one line per
/// row. Null is an empty field and the empty string is `""`, so the two stay apart when the
/// text is read back. Values use `Value.description`.
struct CSVFormatter: ResultFormatter {
    private var header: String?

    init(schema: Schema) {
        header = schema.fields.map { CSVFormatter.field($0.name, quoteWhenEmpty: false) }.joined(separator: ",") + "\n"
    }

    mutating func append(_ batch: RecordBatch) -> String? {
        var text = takeHeader()
        for row in 0..<batch.rowCount {
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { text += "," }
                text += CSVFormatter.field(column[row])
            }
            text += "\n"
        }
        return text
    }

    mutating func finish() -> String? { takeHeader() }

    private mutating func takeHeader() -> String {
        defer { header = nil }
        return header ?? ""
    }

    static func field(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .string(let text): field(text, quoteWhenEmpty: true)
        default: field(value.description, quoteWhenEmpty: false)
        }
    }

    /// Quotes text holding a comma, a quote or a line break, doubling the quotes inside.
    static func field(_ text: String, quoteWhenEmpty: Bool) -> String {
        if text.isEmpty { return quoteWhenEmpty ? "\"\"" : "" }
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text.unicodeScalars {
            if character == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
    }
}
