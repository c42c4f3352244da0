import SluiceCore

/// The splits of a line-based text source and the file system they are read through, planned
/// on the driver. Shared by `csvFile` and `jsonLines`.
struct TextSourcePlan: Sendable {
    let fileSystem: any FileSystem
    let files: [FileStatus]
    let splits: [TextFileSplit]

    /// How many records schema inference looks at: the first lines of the first file, never a
    /// pass over the whole input.
    static let inferenceRowCountMax = 1000
    static let inferenceChunkSizeBytes = 1 << 20
    /// Rows per batch of the format readers inside a task: small enough that a batch stays in
    /// the CPU caches and a bad record re-reads little.
    static let taskBatchRowCount = 4096

    /// - Parameter wholeFiles: one split per file instead of byte ranges (for records that may
    ///   span lines).
    init(context: DataflowContext, location: String, minPartitions: Int?, wholeFiles: Bool) throws {
        let (fileSystem, path) = try context.environment.fileSystems.resolve(location)
        self.fileSystem = fileSystem
        files = try FileSplitPlanner.inputFiles(path, fileSystem: fileSystem)
        if wholeFiles {
            splits = try files.filter { $0.sizeBytes > 0 }.map { file in
                let blocks = try (fileSystem as? any BlockLocatingFileSystem)?.blockLocations(file.path) ?? []
                return TextFileSplit(path: file.path, byteRange: 0..<file.sizeBytes, hosts: blocks.first?.hosts ?? [])
            }
        } else {
            let planner = FileSplitPlanner(splitSizeBytes: context.config.splitSizeBytes,
                                           minimumSplitCount: minPartitions ?? context.defaultParallelism)
            splits = try planner.splits(of: files, fileSystem: fileSystem)
        }
    }

    /// The first file with bytes in it, which schema inference samples.
    var sampleFile: FileStatus? { files.first { $0.sizeBytes > 0 } }

    /// Runs `body` with a view of a file's first bytes (enough for the inference sample), then
    /// closes the file.
    func withSample<Result>(_ file: FileStatus, _ body: (ByteRangeFileSystem) throws -> Result) throws -> Result {
        let opened = try fileSystem.openForReading(file.path)
        defer { try? opened.close() }
        return try body(ByteRangeFileSystem(path: file.path, file: ByteRangeFile(base: opened, range: 0..<opened.sizeBytes)))
    }

    func preferredHosts(_ partition: Int) -> [String] {
        partition < splits.count ? splits[partition].hosts : []
    }
}
