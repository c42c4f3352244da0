import SluiceCore

/// A folder on a file system (local disk or the block store) that closed log segments are moved
/// to, so the local disk holds only the recent part of each partition.
public struct LogTier: Sendable {
    public var fileSystem: any FileSystem
    /// An absolute path in `fileSystem`. For a `PartitionLog` it is the partition's own folder;
    /// for a `TopicStore` the root under which `<topic>/<partition>/` folders are made.
    public var directory: String

    public init(fileSystem: any FileSystem, directory: String) {
        self.fileSystem = fileSystem
        self.directory = directory
    }
}
