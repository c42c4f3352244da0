import SluiceCore

/// A format reader that hands out a file's rows a batch at a time.
protocol RecordBatchReading {
    /// The next batch, or nil after the last row.
    mutating func next() throws -> RecordBatch?
}

extension CSVReader: RecordBatchReading {}
extension JSONLinesReader: RecordBatchReading {}
