/// Decodes one JSON object (a record's value, a line) into the values of a schema's columns,
/// by key: missing keys and nulls are null, unknown keys are ignored. The same rules as the
/// JSON-lines reader: numbers and booleans into their types, timestamps and dates from ISO 8601
/// text, nested objects and arrays kept as their JSON text in string columns.
///
/// A value type with scratch buffers reused between calls; one thread uses it at a time.
public struct JSONObjectDecoder: Sendable {
    public let schema: Schema
    private var parser = JSONObjectParser()
    private let keys: JSONKeyTable

    public init(schema: Schema) {
        self.schema = schema
        keys = JSONKeyTable(names: schema.fields.map(\.name))
    }

    /// The object's values in the schema's column order.
    /// - Throws: `SluiceError.data` with the column (1-based character) and field for malformed
    ///   JSON, a key given twice, a value that does not fit its column, or a null or missing
    ///   value in a NOT NULL column.
    public mutating func decode(_ bytes: [UInt8]) throws -> [Value] {
        try bytes.withUnsafeBufferPointer { try decode($0) }
    }

    public mutating func decode(_ line: UnsafeBufferPointer<UInt8>) throws -> [Value] {
        var values = [Value](repeating: .null, count: schema.count)
        var seen = [Bool](repeating: false, count: schema.count)
        let schema = self.schema
        let keys = self.keys
        var hint = 0
        do {
            try parser.parseObject(line) { member in
                guard let column = keys.column(of: member.key, hint: hint) else { return }
                hint = column + 1
                let field = schema.fields[column]
                guard !seen[column] else {
                    throw SluiceError.data("key '\(field.name)' appears twice in the object", at: Self.location(line, member.keyOffset, field.name))
                }
                seen[column] = true
                guard let value = Self.value(member, as: field.type) else {
                    let text = String(decoding: member.text, as: UTF8.self)
                    throw SluiceError.data("'\(text)' is not a \(field.type) value", at: Self.location(line, member.valueOffset, field.name))
                }
                values[column] = value
            }
        } catch let error as JSONSyntaxError {
            throw SluiceError.data(error.message, at: Self.location(line, error.byteOffset, nil))
        }
        for (column, field) in schema.fields.enumerated() where !field.isNullable && values[column] == .null {
            throw SluiceError.data("no value for the NOT NULL field '\(field.name)'", at: SourceLocation(field: field.name))
        }
        return values
    }

    private static func location(_ line: UnsafeBufferPointer<UInt8>, _ byteOffset: Int, _ field: String?) -> SourceLocation {
        SourceLocation(column: TextFormatMessages.characterColumn(line, byteOffset: byteOffset), field: field)
    }

    /// One member's value as `type`, `.null` for JSON null; nil when it does not fit.
    private static func value(_ member: JSONMember, as type: DataType) -> Value? {
        if member.kind == .null { return .null }
        if type.storage == .bytes {
            return type == .binary ? .binary(Array(member.text)) : .string(String(decoding: member.text, as: UTF8.self))
        }
        if member.kind == .nested { return nil }
        var builder = ColumnBuilder(type: type, capacity: 1)
        guard TextFieldParser.append(member.text, as: type, to: &builder) else { return nil }
        let column = builder.finish()
        return column[0]
    }
}
