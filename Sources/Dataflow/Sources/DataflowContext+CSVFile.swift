import SluiceCore

extension DataflowContext {
    /// The rows of a CSV file (RFC 4180), or of every file in a folder, one partition per split.
    ///
    /// Splits are byte ranges cut at line breaks (the `textFile` rule), following the block
    /// store's blocks and preferring their hosts. A quoted field holding a line break is read
    /// correctly inside a split, but a split boundary falling inside such a field cuts the record
    /// in two bad records: pass `quotedLineBreaks: true` for such files, and each file is read
    /// whole by one task instead.
    ///
    /// Without a schema, the column types are inferred from the first 1000 records of the first
    /// file (never a pass over the whole input), as `CSVReader` infers them (INT64, FLOAT64,
    /// DATE, TIMESTAMP, BOOLEAN or STRING, all nullable); a later value that does not fit is a
    /// bad record. Names come from the header, or are `column1`, `column2`, ... without one.
    /// With `header`, every file's first line is its header, and its field count is checked
    /// against the schema.
    ///
    /// Bad records (a ragged row, an unclosed quote, a value that does not fit its type) follow
    /// `config.badRecordPolicy`: `.fail` fails the task with a `SluiceError` (data) naming the file,
    /// the line, the byte offset of the line, and the column and field; `.skip` drops the record
    /// and counts it in `badRecordsSkipped`.
    ///
    /// - Parameters:
    ///   - location: a file or folder: a path, `file://` or `dfs://` URI.
    ///   - schema: the columns; inferred when nil.
    ///   - header: whether each file's first line names the columns.
    ///   - delimiter: the ASCII character between fields (`,`, `\t`, `;`, `|`, ...).
    ///   - quotedLineBreaks: read each file whole, for quoted fields that hold line breaks.
    ///   - minPartitions: at least this many splits when the input is large enough.
    /// - Throws: `SluiceError` (user input) when nothing is at `location` or the delimiter is
    ///   not ASCII; (data) when the inference sample does not parse.
    public func csvFile(_ location: String, schema: Schema? = nil, header: Bool = true, delimiter: Character = ",",
                        quotedLineBreaks: Bool = false, minPartitions: Int? = nil) throws -> Dataset<Row> {
        guard let delimiterByte = delimiter.asciiValue else {
            throw SluiceError.userInput("the CSV delimiter must be one ASCII character, not '\(delimiter)'")
        }
        let plan = try TextSourcePlan(context: self, location: location, minPartitions: minPartitions, wholeFiles: quotedLineBreaks)
        let rowSchema = try schema ?? inferCSVSchema(plan, header: header, delimiter: delimiterByte)
        let layout = RowLayout.of(rowSchema)
        let readOptions = CSVOptions(delimiter: delimiterByte, hasHeader: false, schema: rowSchema,
                                     batchRowCount: TextSourcePlan.taskBatchRowCount)
        let policy = config.badRecordPolicy
        let splits = plan.splits
        let fileSystem = plan.fileSystem
        return Dataset(context: self, name: "csvFile", partitionCount: max(1, splits.count), dependencies: [],
                       locations: { plan.preferredHosts($0) }) { task, partition, emit in
            guard partition < splits.count else { return }
            let split = splits[partition]
            let file = try fileSystem.openForReading(split.path)
            defer { try? file.close() }
            var range = try LineBoundaries.lineRange(of: split, in: file)
            if header, range.lowerBound == 0, !range.isEmpty {
                let headerEnd = try LineBoundaries.lineEnd(atOrAfter: 0, in: file)
                try DataflowContext.checkCSVHeader(file, path: split.path, range: 0..<headerEnd, options: readOptions)
                range = headerEnd..<max(headerEnd, range.upperBound)
            }
            var rangeOptions = readOptions
            rangeOptions.readChunkSizeBytes = max(1, min(rangeOptions.readChunkSizeBytes, range.count))
            let options = rangeOptions
            let reader = TextSplitRecordReader(path: split.path, file: file, policy: policy) { view in
                try CSVReader(fileSystem: view, path: view.path, options: options)
            }
            try reader.emitRows(in: range, layout: layout, task: task, emit)
        }
    }

    private func inferCSVSchema(_ plan: TextSourcePlan, header: Bool, delimiter: UInt8) throws -> Schema {
        guard let sample = plan.sampleFile else { return Schema([]) }
        let options = CSVOptions(delimiter: delimiter, hasHeader: header, batchRowCount: 1,
                                 inferenceRowCount: TextSourcePlan.inferenceRowCountMax,
                                 readChunkSizeBytes: TextSourcePlan.inferenceChunkSizeBytes)
        return try plan.withSample(sample) { view in try CSVReader(fileSystem: view, path: view.path, options: options).schema }
    }

    /// Reads a file's header line and checks its field count against the schema.
    private static func checkCSVHeader(_ file: any ReadableFile, path: String, range: Range<Int>, options: CSVOptions) throws {
        var headerOptions = options
        headerOptions.hasHeader = true
        headerOptions.readChunkSizeBytes = max(1, range.count)
        let view = ByteRangeFileSystem(path: path, file: ByteRangeFile(base: file, range: range))
        _ = try CSVReader(fileSystem: view, path: path, options: headerOptions)
    }
}
