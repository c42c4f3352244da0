import SluiceCore

/// The splits of a text input and the file system they are on: what a `textFile` dataset reads.
public final class TextLineSource: Sendable {
    public let splits: [TextFileSplit]
    public let fileSystem: any FileSystem

    public init(splits: [TextFileSplit], fileSystem: any FileSystem) {
        self.splits = splits
        self.fileSystem = fileSystem
    }

    /// Calls `body` with the UTF-8 bytes of each line of split `partition` (valid during the call),
    /// counting lines and bytes in the task's metrics.
    @inlinable
    public func forEachLine(_ task: TaskContext, partition: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard partition < splits.count else { return }
        let split = splits[partition]
        let file = try fileSystem.openForReading(split.path)
        defer { try? file.close() }
        var lineCount = 0
        let bytesRead = try TextLineReader.forEachLine(in: split, file: file) { line in
            lineCount += 1
            try body(line)
        }
        task.metrics.recordsRead += lineCount
        task.metrics.bytesRead += bytesRead
    }
}
