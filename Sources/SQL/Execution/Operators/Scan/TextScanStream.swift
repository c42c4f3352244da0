import SluiceCore

/// A scan of text files: batches come from a shared reader one at a time; choosing the
/// columns and filtering happen on the calling thread.
///
/// Threading: safe for concurrent `next()`.
final class TextScanStream: BatchStream {
    let schema: Schema
    let operatorName: String
    let operatorDetails: String
    private let reader: TextBatchReader
    /// Positions in the files' schema of the output columns.
    private let columns: [Int]
    private let filters: [PhysicalExpression]

    init(name: String, details: String, reader: TextBatchReader, columns: [Int], schema: Schema, filters: [PhysicalExpression]) {
        self.operatorName = name
        self.operatorDetails = filters.isEmpty
            ? details : details + ", filters: " + filters.map(\.description).joined(separator: " AND ")
        self.reader = reader
        self.columns = columns
        self.schema = schema
        self.filters = filters
    }

    var inputs: [any BatchStream] { [] }

    /// The next batch with at least one row where every filter is TRUE; nil after the last.
    /// - Throws: `SluiceError` (data) naming the file and line for malformed text.
    func next() throws -> RecordBatch? {
        while let read = try reader.next() {
            let batch = RecordBatch(schema: schema, columns: columns.map { read.columns[$0] })
            var selection: [Int32]?
            for filter in filters {
                selection = try ExpressionEvaluator.select(filter, on: batch, within: selection)
                if selection!.isEmpty { break }
            }
            guard let selection else {
                if batch.rowCount > 0 { return batch }
                continue
            }
            if !selection.isEmpty { return BatchRows.take(selection, of: batch) }
        }
        return nil
    }
}
