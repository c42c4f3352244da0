/// Reads a CSV file (RFC 4180) as record batches.
///
/// Without a schema in the options, the reader infers one when it is created: a first pass over
/// the file (or over `inferenceRowCount` rows) picks for each column the narrowest of INT64,
/// FLOAT64, DATE, TIMESTAMP, BOOLEAN and STRING that holds every non-empty value; all columns are
/// nullable. `next()` then makes a second pass that builds the batches. Both passes stream the
/// file in chunks, so memory is bounded by the chunk and batch sizes, not the file size.
///
/// Values: an empty unquoted field is null; an empty quoted field (`""`) is the empty string in
/// a STRING or BINARY column and null in others. Integers with a redundant leading zero (`007`)
/// are inferred as text. Whitespace is data and is never trimmed. Empty lines are skipped.
///
/// Errors carry a `SourceLocation` with the file, the 1-based physical line (the header is
/// line 1; quoted line breaks count) and, for a field, its 1-based position in the record as
/// the column, plus the column's name.
///
/// Value type, a cursor over the file: one thread at a time calls `next()`. Copies share the
/// open file. The file is closed after the last batch or an error; after `next()` throws it
/// returns nil.
public struct CSVReader: Sendable {
    /// The columns: as given in the options, or inferred.
    public let schema: Schema

    private let path: String
    private let options: CSVOptions
    private var scanner: CSVRecordScanner
    /// What the field count of every record is checked against, for error messages.
    private let expectedFieldCountSource: String
    /// Set when the types came from a sample of rows, to explain type errors past it.
    private let sampledInferenceRowCount: Int?
    private var isFinished = false

    /// Opens the file, reads the header and, without a schema in the options, infers one.
    /// - Parameters:
    ///   - fileSystem: where the file lives.
    ///   - path: the file's path in that file system; error messages name it.
    ///   - options: delimiter, header, schema, batch size and inference sample size.
    /// - Throws: `SluiceError` (user input) when the file cannot be opened or the options are
    ///   invalid; (data) for a malformed file found during inference; (I/O) when reads fail.
    public init(fileSystem: any FileSystem, path: String, options: CSVOptions = .init()) throws {
        guard options.batchRowCount > 0 else { throw SluiceError.userInput("the CSV batch row count must be positive") }
        guard options.readChunkSizeBytes > 0 else { throw SluiceError.userInput("the CSV read chunk size must be positive") }
        guard options.delimiter != UInt8(ascii: "\""), options.delimiter != UInt8(ascii: "\n"),
              options.delimiter != UInt8(ascii: "\r")
        else { throw SluiceError.userInput("the CSV delimiter cannot be a quote or a line break") }

        let file = try fileSystem.openForReading(path)
        var scanner = CSVRecordScanner(file: file, path: path, delimiter: options.delimiter,
                                       chunkSizeBytes: options.readChunkSizeBytes)
        try scanner.skipByteOrderMark()
        let (header, firstRecordFieldCount) = try CSVReader.readHeader(&scanner, hasHeader: options.hasHeader)
        let dataStart = (offset: scanner.fileOffset, line: scanner.line)

        if let given = options.schema {
            if let header, header.count != given.count {
                throw SluiceError.data("the header has \(header.count) fields, the schema has \(given.count)",
                                       at: SourceLocation(file: path, line: 1))
            }
            schema = given
            expectedFieldCountSource = options.hasHeader ? "the header" : "the schema"
            sampledInferenceRowCount = nil
        } else {
            let fieldCount = header?.count ?? firstRecordFieldCount ?? 0
            let names = header.map(CSVReader.columnNames) ?? (0..<fieldCount).map { "column\($0 + 1)" }
            expectedFieldCountSource = options.hasHeader ? "the header" : "the first row"
            let types = try CSVReader.inferTypes(
                &scanner, fieldCount: fieldCount, rowCountMax: options.inferenceRowCount,
                expectedFieldCountSource: expectedFieldCountSource)
            schema = Schema(zip(names, types).map { Field($0, $1, nullable: true) })
            sampledInferenceRowCount = options.inferenceRowCount
            scanner.seek(toFileOffset: dataStart.offset, line: dataStart.line)
        }
        self.path = path
        self.options = options
        self.scanner = scanner
    }

    /// The next batch of at most `options.batchRowCount` rows; nil after the last row.
    /// - Throws: `SluiceError` (data) naming file, line and column for a ragged row, an unclosed
    ///   quote, a value that does not fit its column's type, or an empty value in a NOT NULL
    ///   column; (I/O) when reads fail.
    public mutating func next() throws -> RecordBatch? {
        guard !isFinished else { return nil }
        // Stays set when the file ends or reading throws; then the file is closed.
        isFinished = true
        defer { if isFinished { scanner.closeFile() } }
        let schema = self.schema
        let types = schema.fields.map(\.type)
        let batchRowCount = options.batchRowCount
        let context = ErrorContext(path: path, schema: schema, expectedFieldCountSource: expectedFieldCountSource,
                                   sampledInferenceRowCount: sampledInferenceRowCount)
        var builders = types.map { ColumnBuilder(type: $0, capacity: batchRowCount) }
        var scratch: [UInt8] = []
        var rowCount = 0
        try builders.withUnsafeMutableBufferPointer { builders in
            try scanner.scanRecords { record in
                guard record.fields.count == types.count else {
                    throw context.raggedRow(record, expectedFieldCount: types.count)
                }
                for column in 0..<types.count {
                    try CSVReader.appendField(column, of: record, as: types[column], to: &builders[column],
                                              scratch: &scratch, context: context)
                }
                rowCount += 1
                return rowCount < batchRowCount
            }
        }
        guard rowCount > 0 else { return nil }
        isFinished = false
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
    }

    // MARK: - Header and inference

    /// Reads the header (nil without one or in an empty file), or, without a header, only
    /// measures the first record and stays before it.
    private static func readHeader(_ scanner: inout CSVRecordScanner, hasHeader: Bool) throws
        -> (header: [String]?, firstRecordFieldCount: Int?)
    {
        let start = (offset: scanner.fileOffset, line: scanner.line)
        var header: [String]?
        var fieldCount: Int?
        try scanner.scanRecords { record in
            fieldCount = record.fields.count
            if hasHeader { header = (0..<record.fields.count).map(record.string) }
            return false
        }
        if !hasHeader { scanner.seek(toFileOffset: start.offset, line: start.line) }
        return (header, fieldCount)
    }

    /// Header names made usable: empty names become `columnN`, repeated names get `_2`, `_3`.
    private static func columnNames(_ header: [String]) -> [String] {
        var used = Set<String>()
        return header.enumerated().map { index, raw in
            let base = raw.isEmpty ? "column\(index + 1)" : raw
            var name = base
            var suffix = 2
            while used.contains(name) {
                name = "\(base)_\(suffix)"
                suffix += 1
            }
            used.insert(name)
            return name
        }
    }

    private static func inferTypes(
        _ scanner: inout CSVRecordScanner, fieldCount: Int, rowCountMax: Int?, expectedFieldCountSource: String
    ) throws -> [DataType] {
        var inferences = [TextTypeInference](repeating: TextTypeInference(), count: fieldCount)
        let rowCountMax = rowCountMax ?? Int.max
        guard rowCountMax > 0 else { return inferences.map(\.inferredType) }
        let context = ErrorContext(path: scanner.path, schema: nil, expectedFieldCountSource: expectedFieldCountSource,
                                   sampledInferenceRowCount: nil)
        var rowCount = 0
        try scanner.scanRecords { record in
            guard record.fields.count == fieldCount else {
                throw context.raggedRow(record, expectedFieldCount: fieldCount)
            }
            for column in 0..<fieldCount where !inferences[column].isText {
                let span = record.fields[column]
                if span.isEmpty { continue }
                if span.hasDoubledQuotes {
                    // A value holding a quote character is text whatever else it holds.
                    inferences[column].observeText()
                } else {
                    inferences[column].observe(record.rawText(column))
                }
            }
            rowCount += 1
            return rowCount < rowCountMax
        }
        return inferences.map(\.inferredType)
    }

    // MARK: - Values

    @inline(__always)
    private static func appendField(
        _ column: Int, of record: CSVRecord, as type: DataType, to builder: inout ColumnBuilder,
        scratch: inout [UInt8], context: ErrorContext
    ) throws {
        let span = record.fields[column]
        if span.isEmpty {
            let isEmptyText = span.isQuoted && type.storage == .bytes
            if isEmptyText {
                builder.append(bytes: EmptyCollection<UInt8>())
                return
            }
            guard context.isNullable(column) else { throw context.nullInNotNullColumn(record, column) }
            builder.appendNull()
            return
        }
        let fits = record.withText(column, scratch: &scratch) { text in
            TextFieldParser.append(text, as: type, to: &builder)
        }
        if !fits { throw context.valueDoesNotFit(record, column, scratch: &scratch) }
    }

    /// What error messages need, gathered so the scanning closures capture no `self`.
    private struct ErrorContext {
        let path: String
        let schema: Schema?
        let expectedFieldCountSource: String
        let sampledInferenceRowCount: Int?

        func isNullable(_ column: Int) -> Bool {
            schema?.fields[column].isNullable ?? true
        }

        func location(_ record: CSVRecord, _ column: Int? = nil) -> SourceLocation {
            SourceLocation(file: path, line: column.map(record.line(ofField:)) ?? record.line,
                           column: column.map { $0 + 1 }, field: column.flatMap { schema?.fields[$0].name })
        }

        func raggedRow(_ record: CSVRecord, expectedFieldCount: Int) -> SluiceError {
            let count = record.fields.count
            // Point at the first extra field, or just past the last field when some are missing.
            let column = min(count, expectedFieldCount)
            var place = SourceLocation(file: path, line: record.line(ofField: max(0, min(column, count - 1))), column: column + 1)
            if count == 0 { place.line = record.line }
            return .data("row has \(count) field\(count == 1 ? "" : "s"), \(expectedFieldCountSource) has \(expectedFieldCount)",
                         at: place)
        }

        func nullInNotNullColumn(_ record: CSVRecord, _ column: Int) -> SluiceError {
            .data("empty value in a NOT NULL column", at: location(record, column))
        }

        func valueDoesNotFit(_ record: CSVRecord, _ column: Int, scratch: inout [UInt8]) -> SluiceError {
            let type = schema?.fields[column].type ?? .string
            var message = record.withText(column, scratch: &scratch) { TextFormatMessages.valueDoesNotFit($0, type) }
            if let sampledInferenceRowCount { message += TextFormatMessages.sampledInferenceHint(rowCount: sampledInferenceRowCount) }
            return .data(message, at: location(record, column))
        }
    }
}
