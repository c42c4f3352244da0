/// Whether a schema field must appear once, may be null, or repeats.
///
/// Kept as a raw value so unknown values decode; readers reject them when they meet them.
public struct FieldRepetitionType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The Thrift enum value.
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let required = FieldRepetitionType(rawValue: 0)
    public static let optional = FieldRepetitionType(rawValue: 1)
    public static let repeated = FieldRepetitionType(rawValue: 2)

    /// The name the Parquet specification uses, or the raw value when unknown.
    public var description: String {
        switch rawValue {
        case 0: "REQUIRED"
        case 1: "OPTIONAL"
        case 2: "REPEATED"
        default: "FieldRepetitionType(\(rawValue))"
        }
    }
}
