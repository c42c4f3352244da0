import SluiceCore

/// Brings incoming batches to a table's schema: columns matched by name, missing nullable
/// columns filled with nulls, types widened where no value changes, and everything else
/// refused before any file is written.
struct BatchConformer {
    let schema: Schema

    /// - Throws: `SluiceError` (user input) naming the column: unknown, missing and NOT NULL,
    ///   of a type that does not convert, or holding nulls in a NOT NULL column.
    func conform(_ batch: RecordBatch) throws -> RecordBatch {
        for field in batch.schema.fields where schema[field.name] == nil {
            throw SluiceError.userInput("column '\(field.name)' is not in the table (columns: \(schema.fields.map(\.name).joined(separator: ", ")))",
                                        at: SourceLocation(field: field.name))
        }
        if batch.schema == schema { return try checkNulls(batch) }
        let columns = try schema.fields.map { field -> Column in
            guard let index = batch.schema.index(of: field.name) else {
                guard field.isNullable else {
                    throw SluiceError.userInput("column '\(field.name)' is NOT NULL but the data does not have it",
                                                at: SourceLocation(field: field.name))
                }
                return Column.nulls(type: field.type, count: batch.rowCount)
            }
            let column = batch.columns[index]
            return column.type == field.type ? column : try convert(column, to: field)
        }
        return try checkNulls(RecordBatch(schema: schema, columns: columns))
    }

    private func checkNulls(_ batch: RecordBatch) throws -> RecordBatch {
        for (field, column) in zip(schema.fields, batch.columns) where !field.isNullable && column.nullCount > 0 {
            throw SluiceError.userInput("column '\(field.name)' is NOT NULL but \(column.nullCount) row(s) have no value",
                                        at: SourceLocation(field: field.name))
        }
        return batch
    }

    private func convert(_ column: Column, to field: Field) throws -> Column {
        do {
            return try column.converted(to: field.type, name: field.name)
        } catch var error as SluiceError {
            error.fault = .userInput
            throw error
        }
    }
}
