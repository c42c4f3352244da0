/// Spelling rules shared by the `description`s that print syntax trees back as SQL.
enum SQLText {
    /// `text` as a string literal, with quotes doubled.
    static func quotedString(_ text: String) -> String {
        "'" + doubling(UInt8(ascii: "'"), in: text) + "'"
    }

    /// `name` as a double-quoted identifier, with quotes doubled.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + doubling(UInt8(ascii: "\""), in: name) + "\""
    }

    /// Whether `name` reads back as the same name when printed without quotes: lowercase, made
    /// of name characters, and not a reserved word.
    static func isBareIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, Lexer.isIdentifierStart(first) else { return false }
        for byte in name.utf8 {
            if !Lexer.isIdentifierPart(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) {
                return false
            }
        }
        if let keyword = Keyword(rawValue: name), keyword.isReserved { return false }
        return true
    }

    static func list<Element: CustomStringConvertible>(_ elements: [Element]) -> String {
        elements.map(\.description).joined(separator: ", ")
    }

    private static func doubling(_ quote: UInt8, in text: String) -> String {
        guard text.utf8.contains(quote) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(quote) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
