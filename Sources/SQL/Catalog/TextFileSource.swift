import SluiceCore

/// CSV or JSON-lines files as a table, with the columns and types the reader infers from the
/// first file (the other files are read with that schema).
///
/// Text cannot be split without parsing it, so a scan hands out the reader's batches one at a
/// time under a lock; choosing the columns and filtering run on the calling thread.
///
/// Threading: immutable; any number of scans may run at once (each opens its own readers).
public final class TextFileSource: TableSource {
    public let displayName: String
    public let schema: Schema
    public let statistics: TableStatistics
    public let format: FileFormat
    /// The files, in the order they are read.
    public let paths: [String]
    private let fileSystem: any FileSystem
    private let csvOptions: CSVOptions
    private let fileSizes: [Int]

    /// Opens the first file to infer the columns (a pass over it).
    /// - Parameters:
    ///   - format: `.csv` or `.jsonLines`.
    ///   - csvOptions: delimiter and header for CSV; its schema, if any, is used as given.
    /// - Throws: `SluiceError` (user input) when a file cannot be opened; (data) naming the file
    ///   and line when the first file is malformed.
    public init(fileSystem: any FileSystem, paths: [String], format: FileFormat, displayName: String,
                csvOptions: CSVOptions = CSVOptions()) throws {
        guard !paths.isEmpty else { throw SluiceError.userInput("\(displayName) names no file") }
        guard format != .parquet else { throw SluiceError.internal("TextFileSource reads CSV and JSON lines, not Parquet") }
        self.displayName = displayName
        self.fileSystem = fileSystem
        self.paths = paths
        self.format = format
        self.csvOptions = csvOptions
        switch format {
        case .csv: schema = try CSVReader(fileSystem: fileSystem, path: paths[0], options: csvOptions).schema
        default: schema = try JSONLinesReader(fileSystem: fileSystem, path: paths[0]).schema
        }
        fileSizes = paths.map { (try? fileSystem.status($0).sizeBytes) ?? 0 }
        let sizeBytes = fileSizes.reduce(0, +)
        statistics = TableStatistics(rowCount: TextFileSource.estimatedRowCount(fileSystem, paths[0], totalBytes: sizeBytes),
                                     sizeBytes: sizeBytes)
    }

    public func scan(columns: [Int], filters: [PhysicalExpression], context: ExecutionContext) throws -> any BatchStream {
        let fields = try ScanColumns.fields(columns, of: schema, source: displayName)
        let details = ScanColumns.details(displayName, fields: fields, fileCount: paths.count)
        let reader = TextBatchReader(fileSystem: fileSystem, paths: paths, fileSizes: fileSizes, format: format,
                                     schema: schema, csvOptions: csvOptions, batchRowCount: ScanColumns.pieceRowCountMax(context),
                                     progress: context.progress)
        return TextScanStream(name: format == .csv ? "CSVScan" : "JSONScan", details: details, reader: reader,
                              columns: columns, schema: Schema(fields), filters: filters)
    }

    /// Lines in the first 64 KiB, scaled to the size of all files.
    private static func estimatedRowCount(_ fileSystem: any FileSystem, _ path: String, totalBytes: Int) -> Int? {
        guard let file = try? fileSystem.openForReading(path) else { return nil }
        defer { try? file.close() }
        let sampleBytes = min(file.sizeBytes, 64 << 10)
        guard sampleBytes > 0, let sample = try? file.read(offset: 0, count: sampleBytes) else { return 0 }
        let lines = max(1, sample.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
        return Int((Double(totalBytes) * Double(lines) / Double(sampleBytes)).rounded())
    }
}
