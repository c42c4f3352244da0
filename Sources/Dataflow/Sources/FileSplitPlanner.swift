import SluiceCore

/// Cuts input files into splits: block by block when the file system knows its blocks (and
/// their hosts), otherwise into ranges of about `splitSizeBytes`; small files are one split.
public struct FileSplitPlanner: Sendable {
    public var splitSizeBytes: Int
    /// At least this many splits in total when the input is large enough (a 4 KiB floor per split).
    public var minimumSplitCount: Int

    public init(splitSizeBytes: Int, minimumSplitCount: Int) {
        self.splitSizeBytes = splitSizeBytes
        self.minimumSplitCount = minimumSplitCount
    }

    /// The files under `path` (the file itself, or a folder's files except hidden ones starting with
    /// `.` or `_`, like Hadoop), in name order.
    ///
    /// - Throws: `SluiceError.userInput` naming the path when nothing is there or the folder is empty.
    public static func inputFiles(_ path: String, fileSystem: any FileSystem) throws -> [FileStatus] {
        let status = try fileSystem.status(path)
        guard status.isDirectory else { return [status] }
        let files = try fileSystem.list(path).filter { !$0.isDirectory && !$0.name.hasPrefix(".") && !$0.name.hasPrefix("_") }
        guard !files.isEmpty else { throw SluiceError.userInput("input folder \(path) has no files") }
        return files
    }

    public func splits(of files: [FileStatus], fileSystem: any FileSystem) throws -> [TextFileSplit] {
        let totalBytes = files.reduce(0) { $0 + $1.sizeBytes }
        let goalBytes = max(4096, min(splitSizeBytes, totalBytes / max(1, minimumSplitCount) + 1))
        var splits: [TextFileSplit] = []
        for file in files {
            if file.sizeBytes == 0 { continue }
            if let blockFileSystem = fileSystem as? any BlockLocatingFileSystem {
                for block in try blockFileSystem.blockLocations(file.path) {
                    splits.append(contentsOf: cut(path: file.path, range: block.offset..<(block.offset + block.length),
                                                  goalBytes: goalBytes, hosts: block.hosts))
                }
            } else {
                splits.append(contentsOf: cut(path: file.path, range: 0..<file.sizeBytes, goalBytes: goalBytes, hosts: []))
            }
        }
        return splits
    }

    private func cut(path: String, range: Range<Int>, goalBytes: Int, hosts: [String]) -> [TextFileSplit] {
        // Like Hadoop, a last piece up to 10% over the goal is not split off on its own.
        var splits: [TextFileSplit] = []
        var start = range.lowerBound
        while range.upperBound - start > goalBytes + goalBytes / 10 {
            splits.append(TextFileSplit(path: path, byteRange: start..<(start + goalBytes), hosts: hosts))
            start += goalBytes
        }
        splits.append(TextFileSplit(path: path, byteRange: start..<range.upperBound, hosts: hosts))
        return splits
    }
}
