import SluiceCore

/// Reads the batches of several CSV or JSON-lines files one after another, under a lock: the
/// shared cursor of a text scan.
///
/// Threading: safe for concurrent `next()`; each batch goes to exactly one caller.
final class TextBatchReader: @unchecked Sendable {
    // Sendable: `current`, `nextPath` and `isFinished` are guarded by `lock`.
    private enum Cursor {
        case csv(CSVReader)
        case jsonLines(JSONLinesReader)
    }

    private let fileSystem: any FileSystem
    private let paths: [String]
    private let fileSizes: [Int]
    private let format: FileFormat
    private let schema: Schema
    private let csvOptions: CSVOptions
    private let progress: QueryProgress?
    private let lock = Mutex()
    private var current: Cursor?
    private var nextPath = 0
    private var isFinished = false

    /// - Parameters:
    ///   - schema: every file is read with these columns (inferred from the first).
    ///   - batchRowCount: rows per batch.
    init(fileSystem: any FileSystem, paths: [String], fileSizes: [Int], format: FileFormat, schema: Schema,
         csvOptions: CSVOptions, batchRowCount: Int, progress: QueryProgress?) {
        self.fileSystem = fileSystem
        self.paths = paths
        self.fileSizes = fileSizes
        self.format = format
        self.schema = schema
        var options = csvOptions
        options.schema = schema
        options.batchRowCount = batchRowCount
        self.csvOptions = options
        self.progress = progress
        progress?.addPlanned(bytes: fileSizes.reduce(0, +))
    }

    /// The next batch of all the file's columns, or nil after the last file.
    /// - Throws: `SluiceError` (data) naming the file and line for malformed text.
    func next() throws -> RecordBatch? {
        try lock.withLock {
            while !isFinished {
                if current == nil {
                    guard nextPath < paths.count else {
                        isFinished = true
                        return nil
                    }
                    current = try open(paths[nextPath])
                    nextPath += 1
                }
                do {
                    if let batch = try readBatch() { return batch }
                } catch {
                    isFinished = true
                    throw error
                }
                current = nil
                progress?.addDone(bytes: fileSizes[nextPath - 1])
            }
            return nil
        }
    }

    private func open(_ path: String) throws -> Cursor {
        do {
            switch format {
            case .csv: return .csv(try CSVReader(fileSystem: fileSystem, path: path, options: csvOptions))
            default:
                let options = JSONLinesOptions(schema: schema, batchRowCount: csvOptions.batchRowCount)
                return .jsonLines(try JSONLinesReader(fileSystem: fileSystem, path: path, options: options))
            }
        } catch {
            isFinished = true
            throw error
        }
    }

    private func readBatch() throws -> RecordBatch? {
        switch current {
        case .csv(var reader):
            let batch = try reader.next()
            current = .csv(reader)
            return batch
        case .jsonLines(var reader):
            let batch = try reader.next()
            current = .jsonLines(reader)
            return batch
        case nil:
            return nil
        }
    }
}
