/// The physical (storage) type of a leaf column: how values are laid out in pages.
///
/// Kept as a raw value so a file using a type newer than Sluice still decodes; readers reject
/// types they cannot handle when they meet them.
public struct PhysicalType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The Thrift enum value.
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let boolean = PhysicalType(rawValue: 0)
    public static let int32 = PhysicalType(rawValue: 1)
    public static let int64 = PhysicalType(rawValue: 2)
    public static let int96 = PhysicalType(rawValue: 3)
    public static let float = PhysicalType(rawValue: 4)
    public static let double = PhysicalType(rawValue: 5)
    public static let byteArray = PhysicalType(rawValue: 6)
    public static let fixedLenByteArray = PhysicalType(rawValue: 7)

    /// The name the Parquet specification uses, or the raw value when unknown.
    public var description: String {
        switch rawValue {
        case 0: "BOOLEAN"
        case 1: "INT32"
        case 2: "INT64"
        case 3: "INT96"
        case 4: "FLOAT"
        case 5: "DOUBLE"
        case 6: "BYTE_ARRAY"
        case 7: "FIXED_LEN_BYTE_ARRAY"
        default: "PhysicalType(\(rawValue))"
        }
    }
}
