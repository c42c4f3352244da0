import SluiceCore

extension RecordBatch {
    /// A batch from rows of values, for the small reports commands print (table lists,
    /// history).
    /// - Throws: `SluiceError` when a value does not fit its column's type (a bug in the caller).
    init(schema: Schema, rows: [[Value]]) throws {
        let columns = try schema.fields.indices.map { index in
            try Column(type: schema.fields[index].type, rows.map { $0[index] })
        }
        self.init(schema: schema, columns: columns)
    }
}
