import SluiceCore

/// How partition values are written in the log (strings; nil is null) and in folder names
/// (Hive style, `col=value`, with special characters escaped).
public enum PartitionValue {
    /// The folder name Hive and Spark use for a null partition value.
    public static let nullFolderName = "__HIVE_DEFAULT_PARTITION__"

    /// The log's string form of a value.
    public static func serialize(_ value: Value) -> String? {
        switch value {
        case .null: return nil
        case .timestamp(let micros):
            // ISO-8601 in UTC, the form the protocol recommends.
            return CivilTime.formatISOTimestamp(micros: micros, fractionDigits: 6)
        default: return value.description
        }
    }

    /// A value of `type` from its log string; nil and "" are null.
    /// - Throws: `SluiceError` (data) when the text is not a value of the type.
    public static func parse(_ text: String?, as type: DataType, column: String) throws -> Value {
        guard let text, !text.isEmpty else { return .null }
        guard let value = Value.string(text).converted(to: type) else {
            throw SluiceError.data("partition value '\(text)' is not a \(type)", at: SourceLocation(field: column))
        }
        return value
    }

    /// `col=value` with Hive's escaping of characters that are unsafe in paths.
    public static func folderName(column: String, value: String?) -> String {
        escape(column) + "=" + (value.map(escape) ?? nullFolderName)
    }

    private static let unsafeCharacters = Set("\"#%'*/:=?\\{[]^".unicodeScalars)

    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || unsafeCharacters.contains(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += "%" + (hex.count == 1 ? "0" + hex : hex)
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

/// `add.path` is a URI reference relative to the table: percent-encoded, with `/` separating
/// folders.
public enum DeltaPath {
    /// Percent-encodes everything but unreserved characters, `/` and `=`.
    public static func encode(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~/=".contains(character) {
                encoded.append(character)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }

    /// Decodes `%XX` escapes; malformed escapes are kept as they are.
    public static func decode(_ path: String) -> String {
        guard path.contains("%") else { return path }
        var bytes: [UInt8] = []
        let utf8 = Array(path.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
               let value = UInt8(String(decoding: utf8[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
