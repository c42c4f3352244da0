/// Wording shared by the text readers' error messages.
enum TextFormatMessages {
    /// Values longer than this are cut in messages.
    static let quotedValueLengthMax = 40

    /// `'abc' is not an INT64`.
    static func valueDoesNotFit(_ text: UnsafeBufferPointer<UInt8>, _ type: DataType) -> String {
        "\(quoted(text)) is not \(withArticle(type))"
    }

    /// The text in single quotes, cut with an ellipsis when long.
    static func quoted(_ text: UnsafeBufferPointer<UInt8>) -> String {
        var value = String(decoding: text, as: UTF8.self)
        if value.count > quotedValueLengthMax {
            value = String(value.prefix(quotedValueLengthMax)) + "…"
        }
        return "'\(value)'"
    }

    /// `an INT64`, `a DATE`.
    static func withArticle(_ type: DataType) -> String {
        let name = type.description
        let startsWithVowel = name.first.map { "AEIOU".contains($0) } ?? false
        return (startsWithVowel ? "an " : "a ") + name
    }

    /// The hint appended when a value breaks a type inferred from a sample of rows.
    static func sampledInferenceHint(rowCount: Int) -> String {
        " (the type was inferred from the first \(rowCount) rows; give a schema or infer over the whole file)"
    }

    /// The 1-based character column of a byte offset within a line: UTF-8 continuation bytes
    /// do not start a character.
    static func characterColumn(_ line: UnsafeBufferPointer<UInt8>, byteOffset: Int) -> Int {
        var column = 1
        for index in 0..<min(byteOffset, line.count) where line[index] & 0xC0 != 0x80 {
            column += 1
        }
        return column
    }
}
