import SluiceCore

/// The unit of a TIME or TIMESTAMP logical type (Thrift union `TimeUnit`).
public enum TimeUnit: Sendable, Hashable {
    case millis
    case micros
    case nanos

    /// The union member's field id.
    var thriftFieldID: Int16 {
        switch self {
        case .millis: 1
        case .micros: 2
        case .nanos: 3
        }
    }

    /// Decodes the union at the reader's position, or returns `nil` when its member is a unit
    /// newer than Sluice, so the enclosing logical type can degrade instead of failing the file.
    /// - Throws: `SluiceError.data` on malformed bytes or a union with no member.
    static func decode(from reader: inout CompactReader) throws -> TimeUnit? {
        var unit: TimeUnit?
        var sawMember = false
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            // Members are empty structs; skipping also passes over fields a newer writer added.
            try reader.skip(field.type)
            guard field.type == .struct else { continue }
            sawMember = true
            switch field.id {
            case 1: unit = .millis
            case 2: unit = .micros
            case 3: unit = .nanos
            default: break
            }
        }
        guard sawMember else { throw SluiceError.missingMetadataField("TimeUnit", "unit") }
        return unit
    }

    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        writer.writeEmptyStructField(thriftFieldID)
        writer.endStruct()
    }
}
