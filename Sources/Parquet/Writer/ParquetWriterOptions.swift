/// Settings of a Parquet file being written. The defaults follow pyarrow's, so files look like
/// what the ecosystem expects.
public struct ParquetWriterOptions: Sendable {
    public var codec: CompressionCodec = .snappy
    /// A row group is closed when it holds this many rows...
    public var rowGroupRowCountMax = 1_048_576
    /// ...or when its encoded pages reach this many bytes; this bounds the writer's memory.
    public var rowGroupSizeBytesMax = 128 * 1024 * 1024
    /// A data page is closed once its encoded values reach this many bytes.
    public var pageSizeBytes = 1024 * 1024
    /// Dictionary encoding is used while the dictionary stays below this size; past it the
    /// column chunk falls back to PLAIN pages.
    public var dictionaryPageSizeBytesMax = 1024 * 1024
    public var dictionaryEnabled = true
    /// Free-form key-value metadata stored in the footer.
    public var keyValueMetadata: [String: String] = [:]
    public var createdBy = "sluice version 0.1.0"

    public init(codec: CompressionCodec = .snappy) {
        self.codec = codec
    }
}
