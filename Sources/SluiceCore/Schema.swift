/// The ordered fields of a record batch or a file, plus free-form key-value metadata.
public struct Schema: Sendable, Hashable, CustomStringConvertible {
    public var fields: [Field]
    public var metadata: [String: String]

    public init(_ fields: [Field], metadata: [String: String] = [:]) {
        self.fields = fields
        self.metadata = metadata
    }

    public var count: Int { fields.count }

    /// The position of the field named `name`, compared exactly.
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    public subscript(name: String) -> Field? {
        index(of: name).map { fields[$0] }
    }

    /// The schema with only the named fields, in the order given.
    /// - Throws: `SluiceError` (user input) naming the first unknown field.
    public func projecting(_ names: [String]) throws -> Schema {
        let projected = try names.map { name in
            guard let field = self[name] else {
                throw SluiceError.userInput("no column named '\(name)'; columns are \(fields.map(\.name).joined(separator: ", "))")
            }
            return field
        }
        return Schema(projected, metadata: metadata)
    }

    /// Parses `"id INT64 NOT NULL, name STRING, price DECIMAL(10,2)"`.
    /// - Throws: `SluiceError` (user input) naming the field that does not parse.
    public init(parsing text: String) throws {
        var fields: [Field] = []
        var depth = 0
        var current = ""
        var pieces: [String] = []
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        for piece in pieces {
            let words = piece.split(whereSeparator: \.isWhitespace).map(String.init)
            guard words.count >= 2 else {
                throw SluiceError.userInput("schema field '\(piece.trimmed)' needs a name and a type")
            }
            var typeWords = Array(words.dropFirst())
            var nullable = true
            if typeWords.count >= 2, typeWords.suffix(2).map({ $0.uppercased() }) == ["NOT", "NULL"] {
                nullable = false
                typeWords.removeLast(2)
            }
            let typeText = typeWords.joined()
            guard let type = DataType(parsing: typeText) else {
                throw SluiceError.userInput("schema field '\(words[0])' has unknown type '\(typeWords.joined(separator: " "))'")
            }
            fields.append(Field(words[0], type, nullable: nullable))
        }
        if Set(fields.map(\.name)).count != fields.count {
            throw SluiceError.userInput("schema names a column twice")
        }
        self.init(fields)
    }

    public var description: String {
        fields.map(\.description).joined(separator: ", ")
    }
}
