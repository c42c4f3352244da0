import SluiceCore

/// What a statement returns: rows for queries, `SHOW`, `DESCRIBE` and `EXPLAIN`; a message for
/// statements that change things ("CREATE TABLE", "INSERT 3").
public struct QueryResult: Sendable {
    public var schema: Schema
    public var batches: [RecordBatch]
    /// For statements without rows: what happened, as a psql-style tag ("INSERT 3").
    public var message: String?

    public init(schema: Schema, batches: [RecordBatch], message: String? = nil) {
        self.schema = schema
        self.batches = batches
        self.message = message
    }

    /// The number of rows in all batches.
    public var rowCount: Int { batches.reduce(0) { $0 + $1.rowCount } }

    /// All rows as one batch.
    public var combined: RecordBatch { RecordBatch.concatenate(batches, schema: schema) }
}
