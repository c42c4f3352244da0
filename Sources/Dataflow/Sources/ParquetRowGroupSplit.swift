/// One row group of one Parquet file: what one task of `parquetFile` reads.
public struct ParquetRowGroupSplit: Sendable, Equatable {
    public var path: String
    public var rowGroup: Int
    /// The bytes of the row group's column chunks.
    public var byteRange: Range<Int>
    /// Hosts holding most of those bytes (block store files); empty on a local disk.
    public var hosts: [String]

    public init(path: String, rowGroup: Int, byteRange: Range<Int>, hosts: [String] = []) {
        self.path = path
        self.rowGroup = rowGroup
        self.byteRange = byteRange
        self.hosts = hosts
    }
}
