/// How values (or levels) are encoded in a page.
///
/// Kept as a raw value so a file listing an encoding newer than Sluice still opens; only the
/// pages that use it fail to decode.
public struct Encoding: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The Thrift enum value.
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let plain = Encoding(rawValue: 0)
    public static let plainDictionary = Encoding(rawValue: 2)
    public static let rle = Encoding(rawValue: 3)
    public static let bitPacked = Encoding(rawValue: 4)
    public static let deltaBinaryPacked = Encoding(rawValue: 5)
    public static let deltaLengthByteArray = Encoding(rawValue: 6)
    public static let deltaByteArray = Encoding(rawValue: 7)
    public static let rleDictionary = Encoding(rawValue: 8)
    public static let byteStreamSplit = Encoding(rawValue: 9)

    /// The name the Parquet specification uses, or the raw value when unknown.
    public var description: String {
        switch rawValue {
        case 0: "PLAIN"
        case 2: "PLAIN_DICTIONARY"
        case 3: "RLE"
        case 4: "BIT_PACKED"
        case 5: "DELTA_BINARY_PACKED"
        case 6: "DELTA_LENGTH_BYTE_ARRAY"
        case 7: "DELTA_BYTE_ARRAY"
        case 8: "RLE_DICTIONARY"
        case 9: "BYTE_STREAM_SPLIT"
        default: "Encoding(\(rawValue))"
        }
    }
}
