import SluiceCore

/// A JSON object whose values are all integers or null, such as `{"partitionCount":4,
/// "retentionMillis":null}`: the form of the store's small metadata files. Written and read
/// here because the streaming layer does not link Foundation's JSON coders; the output is plain
/// JSON that any reader (including a `Codable` decoder of the same keys) accepts.
struct FlatJSONObject: Equatable {
    /// Members in the order they are written; a nil value is written as `null`.
    var members: [(name: String, value: Int64?)]

    init(_ members: [(name: String, value: Int64?)]) {
        self.members = members
    }

    static func == (lhs: FlatJSONObject, rhs: FlatJSONObject) -> Bool {
        lhs.members.elementsEqual(rhs.members) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The value of `name`: nil when it is missing or null.
    subscript(name: String) -> Int64? {
        members.first { $0.name == name }?.value ?? nil
    }

    func contains(_ name: String) -> Bool {
        members.contains { $0.name == name }
    }

    /// The object as one line of JSON with a trailing newline. Names must need no escaping.
    func encoded() -> [UInt8] {
        let body = members.map { "\"\($0.name)\":\($0.value.map(String.init) ?? "null")" }.joined(separator: ",")
        return Array(("{" + body + "}\n").utf8)
    }

    /// Parses such an object.
    /// - Throws: `SluiceError.data` naming `path` and the byte offset where the text stops
    ///   being a flat object of integers (escaped names are not accepted).
    init(parsing bytes: [UInt8], path: String) throws {
        var cursor = 0
        func fail(_ reason: String) -> SluiceError {
            .data(reason, at: SourceLocation(file: path, byteOffset: cursor))
        }
        func skipSpace() {
            while cursor < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[cursor]) { cursor += 1 }
        }
        func expect(_ byte: UInt8) throws {
            skipSpace()
            guard cursor < bytes.count, bytes[cursor] == byte else { throw fail("expected '\(Character(Unicode.Scalar(byte)))'") }
            cursor += 1
        }
        func peek(_ byte: UInt8) -> Bool {
            skipSpace()
            return cursor < bytes.count && bytes[cursor] == byte
        }
        var parsed: [(name: String, value: Int64?)] = []
        try expect(UInt8(ascii: "{"))
        if !peek(UInt8(ascii: "}")) {
            repeat {
                try expect(UInt8(ascii: "\""))
                let nameStart = cursor
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\"") {
                    guard bytes[cursor] != UInt8(ascii: "\\") else { throw fail("escaped names are not supported") }
                    cursor += 1
                }
                let name = String(decoding: bytes[nameStart..<min(cursor, bytes.count)], as: UTF8.self)
                try expect(UInt8(ascii: "\""))
                try expect(UInt8(ascii: ":"))
                skipSpace()
                let valueStart = cursor
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") || (bytes[cursor] >= 0x30 && bytes[cursor] <= 0x39)
                    || (bytes[cursor] >= UInt8(ascii: "a") && bytes[cursor] <= UInt8(ascii: "z"))
                {
                    cursor += 1
                }
                let text = String(decoding: bytes[valueStart..<cursor], as: UTF8.self)
                if text == "null" {
                    parsed.append((name, nil))
                } else if let value = Int64(text) {
                    parsed.append((name, value))
                } else {
                    cursor = valueStart
                    throw fail("the value of '\(name)' is not an integer or null")
                }
            } while peek(UInt8(ascii: ",")) && { cursor += 1; return true }()
        }
        try expect(UInt8(ascii: "}"))
        skipSpace()
        guard cursor == bytes.count else { throw fail("unexpected text after the object") }
        members = parsed
    }
}
