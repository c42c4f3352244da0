/// The kind of a page in a column chunk.
///
/// Kept as a raw value so unknown page kinds decode; readers skip pages they do not know.
public struct PageType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The Thrift enum value.
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let dataPage = PageType(rawValue: 0)
    public static let indexPage = PageType(rawValue: 1)
    public static let dictionaryPage = PageType(rawValue: 2)
    public static let dataPageV2 = PageType(rawValue: 3)

    /// The name the Parquet specification uses, or the raw value when unknown.
    public var description: String {
        switch rawValue {
        case 0: "DATA_PAGE"
        case 1: "INDEX_PAGE"
        case 2: "DICTIONARY_PAGE"
        case 3: "DATA_PAGE_V2"
        default: "PageType(\(rawValue))"
        }
    }
}
