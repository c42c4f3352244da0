import SluiceCore

/// How one flat Sluice column is stored in Parquet: the leaf's physical type, annotations and
/// the conversion between Sluice's in-memory values and the file's physical values.
struct ParquetColumnDescriptor: Sendable, Equatable {
    /// How a physical value becomes a Sluice value.
    enum Conversion: Sendable, Equatable {
        /// Same bits, same width.
        case identity
        /// INT32 physical into an Int64-stored Sluice type (decimals of precision up to 9).
        case int32ToInt64
        /// INT64 milliseconds into microseconds.
        case millisToMicros
        /// INT64 nanoseconds into microseconds (truncating toward negative infinity).
        case nanosToMicros
        /// INT96 (nanos of day + Julian day) into microseconds.
        case int96ToMicros
        /// FLOAT into Double.
        case floatToDouble
        /// Big-endian two's complement bytes (FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY) into a decimal.
        case bigEndianDecimal
        /// Unsigned 32-bit INT32 into Int64.
        case unsignedInt32ToInt64
    }

    var field: Field
    var physicalType: PhysicalType
    /// Byte width of FIXED_LEN_BYTE_ARRAY values.
    var typeLength: Int32?
    var isRequired: Bool
    var conversion: Conversion

    /// The leaf a Sluice field is written as.
    init(writing field: Field) {
        self.field = field
        self.isRequired = !field.isNullable
        self.typeLength = nil
        self.conversion = .identity
        switch field.type {
        case .boolean: physicalType = .boolean
        case .int32, .date: physicalType = .int32
        case .int64, .timestamp: physicalType = .int64
        case .float64: physicalType = .double
        case .string, .binary: physicalType = .byteArray
        case .decimal(let precision, _):
            if precision <= 9 {
                physicalType = .int32
                conversion = .int32ToInt64
            } else if precision <= DataType.decimalInt64PrecisionMax {
                physicalType = .int64
            } else {
                physicalType = .fixedLenByteArray
                typeLength = Int32(PlainEncoding.decimalByteWidth(precision: precision))
                conversion = .bigEndianDecimal
            }
        }
    }

    /// The schema element written to the footer for this column.
    var schemaElement: SchemaElement {
        var element = SchemaElement(name: field.name)
        element.type = physicalType
        element.typeLength = typeLength
        element.repetitionType = isRequired ? .required : .optional
        switch field.type {
        case .string:
            element.logicalType = .string
            element.convertedType = .utf8
        case .date:
            element.logicalType = .date
            element.convertedType = .date
        case .timestamp:
            element.logicalType = .timestamp(isAdjustedToUTC: true, unit: .micros)
            element.convertedType = .timestampMicros
        case .decimal(let precision, let scale):
            element.logicalType = .decimal(scale: Int32(scale), precision: Int32(precision))
            element.convertedType = .decimal
            element.scale = Int32(scale)
            element.precision = Int32(precision)
        default:
            break
        }
        return element
    }
}

extension ParquetColumnDescriptor {
    /// The Sluice column a leaf of a file is read as.
    /// - Throws: `SluiceError` (data) for a leaf Sluice cannot represent.
    init(reading element: SchemaElement, path: String) throws {
        guard let physical = element.type else {
            throw SluiceError.data("column '\(element.name)' has no physical type", at: SourceLocation(file: path, field: element.name))
        }
        physicalType = physical
        typeLength = element.typeLength
        isRequired = element.repetitionType == .required
        conversion = .identity
        let type: DataType
        switch physical {
        case .boolean:
            type = .boolean
        case .int32:
            if let decimal = try ParquetColumnDescriptor.integerDecimalType(element, path: path) {
                type = decimal
                conversion = .int32ToInt64
            } else if element.logicalType == .date || element.convertedType == .date {
                type = .date
            } else if case .integer(32, false)? = element.logicalType {
                type = .int64
                conversion = .unsignedInt32ToInt64
            } else if element.convertedType == .uint32 {
                type = .int64
                conversion = .unsignedInt32ToInt64
            } else {
                type = .int32
            }
        case .int64:
            if let decimal = try ParquetColumnDescriptor.integerDecimalType(element, path: path) {
                type = decimal
            } else if case .timestamp(_, let unit)? = element.logicalType {
                type = .timestamp
                conversion = unit == .millis ? .millisToMicros : unit == .nanos ? .nanosToMicros : .identity
            } else if element.convertedType == .timestampMillis {
                type = .timestamp
                conversion = .millisToMicros
            } else if element.convertedType == .timestampMicros {
                type = .timestamp
            } else {
                type = .int64
            }
        case .int96:
            type = .timestamp
            conversion = .int96ToMicros
        case .float:
            type = .float64
            conversion = .floatToDouble
        case .double:
            type = .float64
        case .byteArray, .fixedLenByteArray:
            if let decimal = ParquetColumnDescriptor.decimalType(element) {
                type = decimal
                conversion = .bigEndianDecimal
            } else if ParquetColumnDescriptor.isText(element) {
                type = .string
            } else {
                type = .binary
            }
            if physical == .fixedLenByteArray, (element.typeLength ?? 0) <= 0 {
                throw SluiceError.data("FIXED_LEN_BYTE_ARRAY column '\(element.name)' has no valid type_length",
                                       at: SourceLocation(file: path, field: element.name))
            }
        default:
            throw SluiceError.data("column '\(element.name)' has unknown physical type \(physical.rawValue)",
                                   at: SourceLocation(file: path, field: element.name))
        }
        field = Field(element.name, type, nullable: !isRequired)
    }

    private static func decimalType(_ element: SchemaElement) -> DataType? {
        var precision: Int32?
        var scale: Int32?
        if case .decimal(let s, let p)? = element.logicalType {
            precision = p
            scale = s
        } else if element.convertedType == .decimal {
            precision = element.precision
            scale = element.scale ?? 0
        }
        guard let precision, let scale, precision >= 1, precision <= Int32(DataType.decimalPrecisionMax),
              scale >= 0, scale <= precision else { return nil }
        return .decimal(precision: Int(precision), scale: Int(scale))
    }

    /// The decimal type of an INT32 or INT64 leaf, whose values Sluice keeps as `Int64`.
    /// - Throws: `SluiceError` (data) for a precision above 18, which such a leaf cannot hold
    ///   (the format allows 9 digits in INT32 and 18 in INT64).
    private static func integerDecimalType(_ element: SchemaElement, path: String) throws -> DataType? {
        guard let decimal = decimalType(element) else { return nil }
        guard decimal.storage == .int64 else {
            throw SluiceError.data("column '\(element.name)' is \(decimal) stored as \(element.type?.description ?? "an integer"), which holds at most 18 digits",
                                   at: SourceLocation(file: path, field: element.name))
        }
        return decimal
    }

    private static func isText(_ element: SchemaElement) -> Bool {
        switch element.logicalType {
        case .string?, .enumeration?, .json?: return true
        default: break
        }
        return element.convertedType == .utf8 || element.convertedType == .enumeration || element.convertedType == .json
    }
}
