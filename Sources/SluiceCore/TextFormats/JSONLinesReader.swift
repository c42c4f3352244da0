/// Reads a JSON Lines file (one JSON object per line) as record batches.
///
/// Without a schema in the options, the reader infers one when it is created: a first pass
/// over the file (or over `inferenceRowCount` lines) makes one nullable column per key, in
/// first-seen order, typed by the values seen: integers → INT64, numbers → FLOAT64, `true` and
/// `false` → BOOLEAN, strings that are all ISO dates → DATE, ISO dates and timestamps →
/// TIMESTAMP, anything else or mixed kinds → STRING. Nested objects and arrays are kept as their
/// JSON text in STRING columns. A missing key or `null` is a null value. `next()` then makes a
/// second pass that builds the batches; both passes stream the file in chunks, so memory is
/// bounded by the chunk and batch sizes, not the file size.
///
/// With a schema, keys are matched to fields by name and other keys are ignored. Blank lines
/// are skipped. Errors carry a `SourceLocation` with the file, the 1-based line, the 1-based
/// character column and the key.
///
/// Value type, a cursor over the file: one thread at a time calls `next()`. Copies share the
/// open file. The file is closed after the last batch or an error; after `next()` throws it
/// returns nil.
public struct JSONLinesReader: Sendable {
    /// The columns: as given in the options, or inferred.
    public let schema: Schema

    private let path: String
    private let options: JSONLinesOptions
    private var scanner: TextLineScanner
    private var parser = JSONObjectParser()
    private let keys: JSONKeyTable
    /// Set when the columns came from a sample of lines: a key or type outside it is an error,
    /// where a given schema just ignores other keys.
    private let sampledInferenceRowCount: Int?
    private var isFinished = false

    /// Opens the file and, without a schema in the options, infers one.
    /// - Parameters:
    ///   - fileSystem: where the file lives.
    ///   - path: the file's path in that file system; error messages name it.
    ///   - options: schema, batch size and inference sample size.
    /// - Throws: `SluiceError` (user input) when the file cannot be opened or the options are
    ///   invalid; (data) for malformed JSON found during inference; (I/O) when reads fail.
    public init(fileSystem: any FileSystem, path: String, options: JSONLinesOptions = .init()) throws {
        guard options.batchRowCount > 0 else { throw SluiceError.userInput("the JSON Lines batch row count must be positive") }
        guard options.readChunkSizeBytes > 0 else { throw SluiceError.userInput("the JSON Lines read chunk size must be positive") }
        let file = try fileSystem.openForReading(path)
        var scanner = TextLineScanner(file: file, path: path, chunkSizeBytes: options.readChunkSizeBytes)
        if let given = options.schema {
            schema = given
            keys = JSONKeyTable(names: given.fields.map(\.name))
            sampledInferenceRowCount = nil
        } else {
            var parser = JSONObjectParser()
            let (keys, types) = try JSONLinesReader.inferColumns(
                &scanner, parser: &parser, path: path, rowCountMax: options.inferenceRowCount)
            schema = Schema(zip(keys.names, types).map { Field($0, $1, nullable: true) })
            self.keys = keys
            sampledInferenceRowCount = options.inferenceRowCount
            scanner.rewind()
        }
        self.path = path
        self.options = options
        self.scanner = scanner
    }

    /// The next batch of at most `options.batchRowCount` rows; nil after the last row.
    /// - Throws: `SluiceError` (data) naming file, line and column for malformed JSON, a key
    ///   given twice, a value that does not fit its column's type, or a null or missing value in a
    ///   NOT NULL column; (I/O) when reads fail.
    public mutating func next() throws -> RecordBatch? {
        guard !isFinished else { return nil }
        // Stays set when the file ends or reading throws; then the file is closed.
        isFinished = true
        defer { if isFinished { scanner.closeFile() } }
        let schema = self.schema
        let keys = self.keys
        let batchRowCount = options.batchRowCount
        let context = ErrorContext(path: path, sampledInferenceRowCount: sampledInferenceRowCount)
        var parser = self.parser
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: batchRowCount) }
        // The row in which each column last got a value, to find missing and repeated keys.
        var rowOfLastValue = [Int](repeating: -1, count: schema.count)
        var rowCount = 0
        try builders.withUnsafeMutableBufferPointer { builders in
            try scanner.scanLines { line, lineNumber in
                var hint = 0
                try context.parsing(line, lineNumber) {
                    try parser.parseObject(line) { member in
                        guard let column = keys.column(of: member.key, hint: hint) else {
                            if context.sampledInferenceRowCount != nil { throw context.unknownKey(member, line, lineNumber) }
                            return
                        }
                        hint = column + 1
                        guard rowOfLastValue[column] != rowCount else { throw context.repeatedKey(member, line, lineNumber) }
                        rowOfLastValue[column] = rowCount
                        let field = schema.fields[column]
                        guard JSONLinesReader.append(member, nullable: field.isNullable, as: field.type, to: &builders[column]) else {
                            throw context.valueDoesNotFit(member, field, line, lineNumber)
                        }
                    }
                }
                for column in 0..<builders.count where rowOfLastValue[column] != rowCount {
                    guard schema.fields[column].isNullable else {
                        throw SluiceError.data("no value for the NOT NULL column '\(schema.fields[column].name)'",
                                               at: SourceLocation(file: context.path, line: lineNumber))
                    }
                    builders[column].appendNull()
                }
                rowCount += 1
                return rowCount < batchRowCount
            }
        }
        self.parser = parser
        guard rowCount > 0 else { return nil }
        isFinished = false
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
    }

    /// Appends one member's value to its column.
    /// - Returns: false, appending nothing, when the value does not fit the column's type or is
    ///   null in a NOT NULL column.
    @inline(__always)
    private static func append(_ member: JSONMember, nullable: Bool, as type: DataType, to builder: inout ColumnBuilder) -> Bool {
        switch member.kind {
        case .null:
            guard nullable else { return false }
            builder.appendNull()
            return true
        case .boolean, .integer, .float, .string, .nested:
            if type.storage == .bytes {
                builder.append(bytes: member.text)
                return true
            }
            if member.kind == .nested { return false }
            return TextFieldParser.append(member.text, as: type, to: &builder)
        }
    }

    private static func inferColumns(
        _ scanner: inout TextLineScanner, parser: inout JSONObjectParser, path: String, rowCountMax: Int?
    ) throws -> (JSONKeyTable, [DataType]) {
        var keys = JSONKeyTable()
        var inferences: [TextTypeInference] = []
        var rowOfLastValue: [Int] = []
        let rowCountMax = rowCountMax ?? Int.max
        guard rowCountMax > 0 else { return (keys, []) }
        let context = ErrorContext(path: path, sampledInferenceRowCount: nil)
        var rowCount = 0
        try scanner.scanLines { line, lineNumber in
            var hint = 0
            try context.parsing(line, lineNumber) {
                try parser.parseObject(line) { member in
                    let column: Int
                    if let known = keys.column(of: member.key, hint: hint) {
                        column = known
                    } else {
                        column = keys.add(String(decoding: member.key, as: UTF8.self))
                        inferences.append(TextTypeInference())
                        rowOfLastValue.append(-1)
                    }
                    hint = column + 1
                    guard rowOfLastValue[column] != rowCount else { throw context.repeatedKey(member, line, lineNumber) }
                    rowOfLastValue[column] = rowCount
                    switch member.kind {
                    case .null: break
                    case .boolean: inferences[column].observeBoolean()
                    case .integer: inferences[column].observeNumber(isInteger: true)
                    case .float: inferences[column].observeNumber(isInteger: false)
                    case .string: inferences[column].observeJSONString(member.text)
                    case .nested: inferences[column].observeText()
                    }
                }
            }
            rowCount += 1
            return rowCount < rowCountMax
        }
        return (keys, inferences.map(\.inferredType))
    }

    /// What error messages need, gathered so the scanning closures capture no `self`.
    private struct ErrorContext {
        let path: String
        let sampledInferenceRowCount: Int?

        func location(_ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int, byteOffset: Int, key: String? = nil) -> SourceLocation {
            SourceLocation(file: path, line: lineNumber,
                           column: TextFormatMessages.characterColumn(line, byteOffset: byteOffset), field: key)
        }

        /// Runs a parse, turning its syntax errors into data errors located in the file.
        func parsing(_ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int, _ body: () throws -> Void) throws {
            do {
                try body()
            } catch let error as JSONSyntaxError {
                throw SluiceError.data(error.message, at: location(line, lineNumber, byteOffset: error.byteOffset))
            }
        }

        func repeatedKey(_ member: JSONMember, _ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) -> SluiceError {
            let key = String(decoding: member.key, as: UTF8.self)
            return .data("key '\(key)' appears twice in the object", at: location(line, lineNumber, byteOffset: member.keyOffset, key: key))
        }

        func unknownKey(_ member: JSONMember, _ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) -> SluiceError {
            let key = String(decoding: member.key, as: UTF8.self)
            return .data("key '\(key)' is not in the first \(sampledInferenceRowCount ?? 0) lines, which the columns were inferred from; give a schema or infer over the whole file",
                         at: location(line, lineNumber, byteOffset: member.keyOffset, key: key))
        }

        func valueDoesNotFit(_ member: JSONMember, _ field: Field, _ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) -> SluiceError {
            var message = member.kind == .null
                ? "null in a NOT NULL column"
                : TextFormatMessages.valueDoesNotFit(member.text, field.type)
            if member.kind != .null, let sampledInferenceRowCount {
                message += TextFormatMessages.sampledInferenceHint(rowCount: sampledInferenceRowCount)
            }
            return .data(message, at: location(line, lineNumber, byteOffset: member.valueOffset, key: field.name))
        }
    }
}
