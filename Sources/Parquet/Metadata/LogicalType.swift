import SluiceCore

/// The annotation that says how to interpret a column's physical values (Thrift union
/// `LogicalType`).
///
/// Union members Sluice does not model (VARIANT, GEOMETRY, GEOGRAPHY and anything newer) decode
/// as `other(fieldId:)` so the file still opens; such a column reads as its physical type.
public enum LogicalType: Sendable, Hashable {
    case string
    case map
    case list
    case enumeration
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    case unknown
    case json
    case bson
    case uuid
    case float16
    /// A union member Sluice does not model, by its Thrift field id; its contents are dropped.
    case other(fieldId: Int16)

    /// The union member's field id.
    var thriftFieldID: Int16 {
        switch self {
        case .string: 1
        case .map: 2
        case .list: 3
        case .enumeration: 4
        case .decimal: 5
        case .date: 6
        case .time: 7
        case .timestamp: 8
        case .integer: 10
        case .unknown: 11
        case .json: 12
        case .bson: 13
        case .uuid: 14
        case .float16: 15
        case .other(let fieldId): fieldId
        }
    }

    private var isOther: Bool {
        if case .other = self { return true }
        return false
    }

    /// Decodes the union at the reader's position.
    ///
    /// A union should have exactly one member; if a writer set several, the first modelled one
    /// wins.
    /// - Throws: `SluiceError.data` on malformed bytes, a union with no member, or a member
    ///   missing a required field.
    init(decoding reader: inout CompactReader) throws {
        var decoded: LogicalType?
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            guard field.type == .struct else {
                try reader.skip(field.type)
                continue
            }
            let member = try Self.decodeMember(id: field.id, from: &reader)
            if decoded == nil || (decoded!.isOther && !member.isOther) {
                decoded = member
            }
        }
        self = try requireField(decoded, "LogicalType", "member")
    }

    private static func decodeMember(id: Int16, from reader: inout CompactReader) throws -> LogicalType {
        switch id {
        case 5: return try decodeDecimal(from: &reader)
        case 7, 8: return try decodeTime(id: id, from: &reader)
        case 10: return try decodeInteger(from: &reader)
        default: break
        }
        // The remaining members are empty structs; skipping also passes over fields a newer
        // writer added to them.
        try reader.skip(.struct)
        switch id {
        case 1: return .string
        case 2: return .map
        case 3: return .list
        case 4: return .enumeration
        case 6: return .date
        case 11: return .unknown
        case 12: return .json
        case 13: return .bson
        case 14: return .uuid
        case 15: return .float16
        default: return .other(fieldId: id)
        }
    }

    private static func decodeDecimal(from reader: inout CompactReader) throws -> LogicalType {
        var scale: Int32?
        var precision: Int32?
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i32): scale = try reader.readI32()
            case (2, .i32): precision = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        return .decimal(
            scale: try requireField(scale, "DecimalType", "scale"),
            precision: try requireField(precision, "DecimalType", "precision")
        )
    }

    /// Decodes TIME (7) or TIMESTAMP (8); a unit newer than Sluice makes the whole annotation
    /// `other`, so the column still reads as its physical type.
    private static func decodeTime(id: Int16, from reader: inout CompactReader) throws -> LogicalType {
        let structName = id == 7 ? "TimeType" : "TimestampType"
        var isAdjustedToUTC: Bool?
        var unit: TimeUnit??
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .boolTrue), (1, .boolFalse): isAdjustedToUTC = field.boolValue
            case (2, .struct): unit = .some(try TimeUnit.decode(from: &reader))
            default: try reader.skip(field.type)
            }
        }
        let adjusted = try requireField(isAdjustedToUTC, structName, "isAdjustedToUTC")
        guard let knownUnit = try requireField(unit, structName, "unit") else {
            return .other(fieldId: id)
        }
        return id == 7
            ? .time(isAdjustedToUTC: adjusted, unit: knownUnit)
            : .timestamp(isAdjustedToUTC: adjusted, unit: knownUnit)
    }

    private static func decodeInteger(from reader: inout CompactReader) throws -> LogicalType {
        var bitWidth: Int8?
        var isSigned: Bool?
        var previousFieldID: Int16 = 0
        while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
            switch (field.id, field.type) {
            case (1, .i8): bitWidth = try reader.readI8()
            case (2, .boolTrue), (2, .boolFalse): isSigned = field.boolValue
            default: try reader.skip(field.type)
            }
        }
        return .integer(
            bitWidth: try requireField(bitWidth, "IntType", "bitWidth"),
            isSigned: try requireField(isSigned, "IntType", "isSigned")
        )
    }

    /// Appends the union in compact form. `other` is written as its member id holding an empty
    /// struct, since Sluice kept none of its contents.
    func encode(to writer: inout CompactWriter) {
        writer.beginStruct()
        switch self {
        case .decimal(let scale, let precision):
            writer.writeFieldHeader(id: thriftFieldID, type: .struct)
            writer.beginStruct()
            writer.writeField(1, i32: scale)
            writer.writeField(2, i32: precision)
            writer.endStruct()
        case .time(let isAdjustedToUTC, let unit), .timestamp(let isAdjustedToUTC, let unit):
            writer.writeFieldHeader(id: thriftFieldID, type: .struct)
            writer.beginStruct()
            writer.writeField(1, bool: isAdjustedToUTC)
            writer.writeFieldHeader(id: 2, type: .struct)
            unit.encode(to: &writer)
            writer.endStruct()
        case .integer(let bitWidth, let isSigned):
            writer.writeFieldHeader(id: thriftFieldID, type: .struct)
            writer.beginStruct()
            writer.writeField(1, i8: bitWidth)
            writer.writeField(2, bool: isSigned)
            writer.endStruct()
        case .string, .map, .list, .enumeration, .date, .unknown, .json, .bson, .uuid, .float16, .other:
            writer.writeEmptyStructField(thriftFieldID)
        }
        writer.endStruct()
    }
}
