/// How to read a JSON Lines file.
public struct JSONLinesOptions: Sendable {
    /// The columns' names and types, matched to keys by name; keys not in it are ignored. When
    /// nil, columns are the keys in first-seen order with inferred types, all nullable.
    public var schema: Schema?
    /// Rows per record batch returned by `next()`.
    public var batchRowCount: Int
    /// How many lines type inference looks at; nil means the whole file (a first pass over it).
    /// Lines past the sample are checked against the inferred schema while reading.
    public var inferenceRowCount: Int?
    /// Bytes read from the file at a time; memory use is about this plus one batch.
    public var readChunkSizeBytes: Int

    public init(
        schema: Schema? = nil,
        batchRowCount: Int = 65_536,
        inferenceRowCount: Int? = nil,
        readChunkSizeBytes: Int = 4 << 20
    ) {
        self.schema = schema
        self.batchRowCount = batchRowCount
        self.inferenceRowCount = inferenceRowCount
        self.readChunkSizeBytes = readChunkSizeBytes
    }
}
