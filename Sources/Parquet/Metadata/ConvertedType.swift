/// The deprecated annotation that predates `LogicalType`; writers still set it next to the
/// logical type for old readers.
///
/// Kept as a raw value so a file with an annotation newer than Sluice still opens.
public struct ConvertedType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The Thrift enum value.
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let utf8 = ConvertedType(rawValue: 0)
    public static let map = ConvertedType(rawValue: 1)
    public static let mapKeyValue = ConvertedType(rawValue: 2)
    public static let list = ConvertedType(rawValue: 3)
    public static let enumeration = ConvertedType(rawValue: 4)
    public static let decimal = ConvertedType(rawValue: 5)
    public static let date = ConvertedType(rawValue: 6)
    public static let timeMillis = ConvertedType(rawValue: 7)
    public static let timeMicros = ConvertedType(rawValue: 8)
    public static let timestampMillis = ConvertedType(rawValue: 9)
    public static let timestampMicros = ConvertedType(rawValue: 10)
    public static let uint8 = ConvertedType(rawValue: 11)
    public static let uint16 = ConvertedType(rawValue: 12)
    public static let uint32 = ConvertedType(rawValue: 13)
    public static let uint64 = ConvertedType(rawValue: 14)
    public static let int8 = ConvertedType(rawValue: 15)
    public static let int16 = ConvertedType(rawValue: 16)
    public static let int32 = ConvertedType(rawValue: 17)
    public static let int64 = ConvertedType(rawValue: 18)
    public static let json = ConvertedType(rawValue: 19)
    public static let bson = ConvertedType(rawValue: 20)
    public static let interval = ConvertedType(rawValue: 21)

    /// The name the Parquet specification uses, or the raw value when unknown.
    public var description: String {
        switch rawValue {
        case 0: "UTF8"
        case 1: "MAP"
        case 2: "MAP_KEY_VALUE"
        case 3: "LIST"
        case 4: "ENUM"
        case 5: "DECIMAL"
        case 6: "DATE"
        case 7: "TIME_MILLIS"
        case 8: "TIME_MICROS"
        case 9: "TIMESTAMP_MILLIS"
        case 10: "TIMESTAMP_MICROS"
        case 11: "UINT_8"
        case 12: "UINT_16"
        case 13: "UINT_32"
        case 14: "UINT_64"
        case 15: "INT_8"
        case 16: "INT_16"
        case 17: "INT_32"
        case 18: "INT_64"
        case 19: "JSON"
        case 20: "BSON"
        case 21: "INTERVAL"
        default: "ConvertedType(\(rawValue))"
        }
    }
}
