import SluiceCore

extension DataflowContext {
    /// The rows of a JSON Lines file (one object per line), or of every file in a folder, one
    /// partition per split (byte ranges cut at line breaks, following the block store's blocks
    /// and preferring their hosts).
    ///
    /// Without a schema, the columns are the keys of the first 1000 lines of the first file (never
    /// a pass over the whole input), typed as `JSONLinesReader` infers them; keys first seen later
    /// are ignored, and a later value that does not fit its column is a bad record. With a schema,
    /// keys are matched to fields by name and other keys are ignored.
    ///
    /// Bad records (malformed JSON, a value of the wrong type, a null in a NOT NULL column) follow
    /// `config.badRecordPolicy`: `.fail` fails the task with a `SluiceError` (data) naming the file,
    /// the line, its byte offset, the character column and the key; `.skip` drops the line and
    /// counts it in `badRecordsSkipped`.
    ///
    /// - Parameters:
    ///   - location: a file or folder: a path, `file://` or `dfs://` URI.
    ///   - schema: the columns; inferred when nil.
    ///   - minPartitions: at least this many splits when the input is large enough.
    /// - Throws: `SluiceError` (user input) when nothing is at `location`; (data) when the
    ///   inference sample does not parse.
    public func jsonLines(_ location: String, schema: Schema? = nil, minPartitions: Int? = nil) throws -> Dataset<Row> {
        let plan = try TextSourcePlan(context: self, location: location, minPartitions: minPartitions, wholeFiles: false)
        let rowSchema = try schema ?? inferJSONLinesSchema(plan)
        let layout = RowLayout.of(rowSchema)
        let readOptions = JSONLinesOptions(schema: rowSchema, batchRowCount: TextSourcePlan.taskBatchRowCount)
        let policy = config.badRecordPolicy
        let splits = plan.splits
        let fileSystem = plan.fileSystem
        return Dataset(context: self, name: "jsonLines", partitionCount: max(1, splits.count), dependencies: [],
                       locations: { plan.preferredHosts($0) }) { task, partition, emit in
            guard partition < splits.count else { return }
            let split = splits[partition]
            let file = try fileSystem.openForReading(split.path)
            defer { try? file.close() }
            let range = try LineBoundaries.lineRange(of: split, in: file)
            var rangeOptions = readOptions
            rangeOptions.readChunkSizeBytes = max(1, min(rangeOptions.readChunkSizeBytes, range.count))
            let options = rangeOptions
            let reader = TextSplitRecordReader(path: split.path, file: file, policy: policy) { view in
                try JSONLinesReader(fileSystem: view, path: view.path, options: options)
            }
            try reader.emitRows(in: range, layout: layout, task: task, emit)
        }
    }

    private func inferJSONLinesSchema(_ plan: TextSourcePlan) throws -> Schema {
        guard let sample = plan.sampleFile else { return Schema([]) }
        let options = JSONLinesOptions(batchRowCount: 1, inferenceRowCount: TextSourcePlan.inferenceRowCountMax,
                                       readChunkSizeBytes: TextSourcePlan.inferenceChunkSizeBytes)
        return try plan.withSample(sample) { view in try JSONLinesReader(fileSystem: view, path: view.path, options: options).schema }
    }
}
