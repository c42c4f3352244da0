/// How to read a CSV file.
public struct CSVOptions: Sendable {
    /// The byte between fields: `,` by default; `\t` for TSV, `;` or `|` for other dialects.
    /// Must not be a quote or a line break.
    public var delimiter: UInt8
    /// Whether the first record names the columns. Without a header, columns are named
    /// `column1`, `column2`, ... unless a schema is given.
    public var hasHeader: Bool
    /// The columns' names and types. When nil they are inferred and every column is nullable.
    public var schema: Schema?
    /// Rows per record batch returned by `next()`.
    public var batchRowCount: Int
    /// How many data rows type inference looks at; nil means the whole file (a first pass
    /// over it). Rows past the sample are checked against the inferred types while reading.
    public var inferenceRowCount: Int?
    /// Bytes read from the file at a time; memory use is about this plus one batch.
    public var readChunkSizeBytes: Int

    public init(
        delimiter: UInt8 = UInt8(ascii: ","),
        hasHeader: Bool = true,
        schema: Schema? = nil,
        batchRowCount: Int = 65_536,
        inferenceRowCount: Int? = nil,
        readChunkSizeBytes: Int = 4 << 20
    ) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.schema = schema
        self.batchRowCount = batchRowCount
        self.inferenceRowCount = inferenceRowCount
        self.readChunkSizeBytes = readChunkSizeBytes
    }
}
