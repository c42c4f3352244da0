import Warehouse

/// One data file of a table snapshot: what one task of `table` reads.
public struct TableFileSplit: Sendable, Equatable {
    public var file: AddFile
    /// The data file's absolute path in the table's file system.
    public var path: String
    /// Hosts holding the file's first block (block store tables); empty on a local disk.
    public var hosts: [String]

    public init(file: AddFile, path: String, hosts: [String] = []) {
        self.file = file
        self.path = path
        self.hosts = hosts
    }
}
