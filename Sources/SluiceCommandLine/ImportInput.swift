import Parquet
import SluiceCore

/// The file `sluice import` reads and how to read it.
struct ImportInput {
    let fileSystem: any FileSystem
    let path: String
    let format: InputFormat
    /// The columns the user gave with `--schema` (CSV and JSON lines only).
    let schema: Schema?
    /// `--infer-rows`: how many rows type inference looks at (nil: the whole file).
    let inferenceRowCount: Int?

    /// Opens the file with the given schema, or the one inferred (text) or stored (Parquet).
    /// - Throws: `SluiceError` (user input) for a file that cannot be opened or options that do
    ///   not apply to its format; (data) for malformed data found while inferring types.
    func open() throws -> ImportSource {
        switch format {
        case .csv, .tsv:
            var options = CSVOptions()
            if format == .tsv { options.delimiter = UInt8(ascii: "\t") }
            options.schema = schema
            options.inferenceRowCount = inferenceRowCount
            return .csv(try CSVReader(fileSystem: fileSystem, path: path, options: options))
        case .jsonl:
            var options = JSONLinesOptions()
            options.schema = schema
            options.inferenceRowCount = inferenceRowCount
            return .jsonLines(try JSONLinesReader(fileSystem: fileSystem, path: path, options: options))
        case .parquet:
            if schema != nil || inferenceRowCount != nil {
                throw SluiceError.userInput("--schema and --infer-rows apply to CSV and JSON lines; a Parquet file has its own schema")
            }
            let reader = try ParquetReader(fileSystem: fileSystem, path: path)
            return .parquet(reader, try reader.batches())
        }
    }

    /// Opens the file to be appended to a table: text values are parsed straight into the
    /// table's types (inferring them first and converting after could change values, e.g. the
    /// text "1.50" in a STRING column would come back as "1.5").
    /// - Parameters:
    ///   - tableSchema: the table's columns.
    ///   - tableName: named in messages.
    /// - Throws: `SluiceError` (user input, naming the column) when the file has a column the
    ///   table does not; what `open()` throws.
    func open(forTable tableSchema: Schema, named tableName: String) throws -> ImportSource {
        // A schema given with --schema is the user's word on the file's columns; the table
        // writer still checks it against the table.
        guard schema == nil, format != .parquet else { return try open() }
        let probe: ImportInput
        switch format {
        case .csv, .tsv:
            // The header names the columns; one row is enough to read it.
            probe = ImportInput(fileSystem: fileSystem, path: path, format: format, schema: nil, inferenceRowCount: 1)
        case .jsonl, .parquet:
            // JSON lines have no header: the keys come from a pass over the file (or the sample).
            probe = self
        }
        let columns = try probe.open().schema.fields.map(\.name)
        let fields = try columns.map { column in
            guard let field = tableSchema[column] else {
                throw SluiceError.userInput("the file has column '\(column)', which table '\(tableName)' does not have (its columns: \(tableSchema.fields.map(\.name).joined(separator: ", ")))",
                                            at: SourceLocation(file: path, field: column))
            }
            return field
        }
        return try ImportInput(fileSystem: fileSystem, path: path, format: format, schema: Schema(fields),
                               inferenceRowCount: nil).open()
    }
}
