import SluiceCore

extension DataflowContext {
    /// The lines of a text file, or of every file in a folder, one partition per split. Splits
    /// follow the block store's blocks and prefer the hosts holding them.
    ///
    /// - Parameters:
    ///   - location: a path, `file://` or `dfs://` URI.
    ///   - minPartitions: at least this many splits when the input is large enough (default: the
    ///     context's parallelism).
    /// - Throws: `SluiceError.userInput` when nothing is at `location`.
    public func textFile(_ location: String, minPartitions: Int? = nil) throws -> Dataset<String> {
        let (fileSystem, path) = try environment.fileSystems.resolve(location)
        let files = try FileSplitPlanner.inputFiles(path, fileSystem: fileSystem)
        let planner = FileSplitPlanner(splitSizeBytes: config.splitSizeBytes, minimumSplitCount: minPartitions ?? defaultParallelism)
        let source = TextLineSource(splits: try planner.splits(of: files, fileSystem: fileSystem), fileSystem: fileSystem)
        let splits = source.splits
        return Dataset(context: self, name: "textFile", partitionCount: max(1, splits.count), dependencies: [],
                       locations: { partition in partition < splits.count ? splits[partition].hosts : [] },
                       utf8Source: UTF8ElementSource { task, partition, body in try source.forEachLine(task, partition: partition, body) }
        ) { task, partition, emit in
            try source.forEachLine(task, partition: partition) { line in try emit(String(decoding: line, as: UTF8.self)) }
        }
    }
}
