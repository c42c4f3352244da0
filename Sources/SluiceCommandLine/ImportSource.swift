import Parquet
import SluiceCore

/// The batches of an input file, whatever its format: CSV, JSON lines or Parquet.
enum ImportSource {
    case csv(CSVReader)
    case jsonLines(JSONLinesReader)
    case parquet(ParquetReader, ParquetBatchSequence)

    var schema: Schema {
        switch self {
        case .csv(let reader): reader.schema
        case .jsonLines(let reader): reader.schema
        case .parquet(let reader, _): reader.schema
        }
    }

    /// The next batch, or nil after the last (Parquet files give one batch per row group).
    /// - Throws: `SluiceError` (data) naming the file and place of malformed input.
    mutating func next() throws -> RecordBatch? {
        switch self {
        case .csv(var reader):
            defer { self = .csv(reader) }
            return try reader.next()
        case .jsonLines(var reader):
            defer { self = .jsonLines(reader) }
            return try reader.next()
        case .parquet(let reader, var batches):
            defer { self = .parquet(reader, batches) }
            return try batches.next()
        }
    }
}
