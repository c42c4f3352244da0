/// Where one block of a file lives: its byte range and the hosts that hold a replica of it.
public struct FileBlockLocation: Sendable, Equatable {
    public var offset: Int
    public var length: Int
    public var hosts: [String]

    public init(offset: Int, length: Int, hosts: [String]) {
        self.offset = offset
        self.length = length
        self.hosts = hosts
    }
}

/// A file system that knows which hosts hold each block of a file (the block store), so that job
/// inputs can be split by block and their tasks scheduled next to the data.
public protocol BlockLocatingFileSystem: FileSystem {
    /// The blocks of a file in order; an empty file has none.
    func blockLocations(_ path: String) throws -> [FileBlockLocation]
}
