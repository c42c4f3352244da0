/// The compression codec of a column chunk, with the values Parquet's Thrift metadata stores.
///
/// Every codec the format defines has a case, so any file's metadata can be described; only
/// those with `isSupported` can have their pages read or written.
public enum CompressionCodec: Int32, Sendable, CaseIterable {
    case uncompressed = 0
    case snappy = 1
    case gzip = 2
    case lzo = 3
    case brotli = 4
    /// LZ4 with Hadoop framing; deprecated by the format in favour of `lz4Raw`.
    case lz4 = 5
    case zstd = 6
    case lz4Raw = 7

    /// The codec's name as the Parquet specification and tools spell it, such as `SNAPPY`.
    public var name: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        }
    }

    /// Whether Sluice can compress and decompress pages with this codec.
    public var isSupported: Bool {
        switch self {
        case .uncompressed, .snappy, .gzip, .zstd: true
        case .lzo, .brotli, .lz4, .lz4Raw: false
        }
    }
}
