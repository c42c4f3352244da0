import SluiceCore

/// JSON Lines output: one object per row with keys in column order. Integers, floats and
/// decimals (with their scale, `12.50`) are JSON numbers; non-finite floats are null, as JSON has
/// no spelling for them. Dates are `"YYYY-MM-DD"`, timestamps ISO 8601 in UTC
/// (`"2024-03-01T08:00:00.158Z"`), binary a hex string, null `null`.
struct JSONLinesFormatter: ResultFormatter {
    /// `"name":` per column, escaped once.
    private let keyPrefixes: [String]

    init(schema: Schema) {
        keyPrefixes = schema.fields.map { JSONLinesFormatter.quoted($0.name) + ":" }
    }

    mutating func append(_ batch: RecordBatch) -> String? {
        var text = ""
        for row in 0..<batch.rowCount {
            text += "{"
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { text += "," }
                text += keyPrefixes[index]
                text += JSONLinesFormatter.value(column[row])
            }
            text += "}\n"
        }
        return text
    }

    mutating func finish() -> String? { nil }

    static func value(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .boolean, .int32, .int64, .decimal: value.description
        case .float64(let number): number.isFinite ? Value.format(number) : "null"
        case .string(let text): quoted(text)
        case .binary, .date: quoted(value.description)
        case .timestamp:
            // The shared text form has a space and no zone; JSON readers expect ISO 8601.
            quoted(value.description.replacingFirstSpace(with: "T") + "Z")
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{8}": result += "\\b"
            case "\u{c}": result += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension String {
    fileprivate func replacingFirstSpace(with replacement: Character) -> String {
        guard let index = firstIndex(of: " ") else { return self }
        var copy = self
        copy.replaceSubrange(index...index, with: [replacement])
        return copy
    }
}
