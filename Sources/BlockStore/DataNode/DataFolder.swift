import SluiceCore

/// One data folder of a datanode and the paths inside it:
/// `current/finalized/subdirNN/` (NN = block id % 64 in two hex digits) for complete replicas,
/// `current/rbw/` for replicas being written, `current/VERSION` for the datanode's identity.
///
/// Every replica path is built from the numeric block id and generation stamp alone, so no
/// request can name a file outside the folder.
struct DataFolder: Sendable {
    static let subdirCount: UInt64 = 64

    /// The folder as configured, without a trailing slash.
    let rootPath: String

    init(rootPath: String) {
        var trimmed = rootPath
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.rootPath = trimmed
    }

    var currentPath: String { rootPath + "/current" }
    var finalizedPath: String { currentPath + "/finalized" }
    var rbwPath: String { currentPath + "/rbw" }
    var versionFilePath: String { currentPath + "/VERSION" }

    /// `subdirNN` for `blockID`.
    static func subdirName(blockID: UInt64) -> String {
        let index = blockID % subdirCount
        let digits = String(index, radix: 16)
        return "subdir" + (digits.count == 1 ? "0" + digits : digits)
    }

    func finalizedSubdirPath(blockID: UInt64) -> String {
        finalizedPath + "/" + DataFolder.subdirName(blockID: blockID)
    }

    static func blockFileName(blockID: UInt64) -> String { "blk_\(blockID)" }

    static func metaFileName(blockID: UInt64, generationStamp: UInt64) -> String {
        "blk_\(blockID)_\(generationStamp).meta"
    }

    /// The block and meta file paths of a replica in its state's directory.
    func replicaPaths(blockID: UInt64, generationStamp: UInt64, isFinalized: Bool) -> (block: String, meta: String) {
        let directory = isFinalized ? finalizedSubdirPath(blockID: blockID) : rbwPath
        return (directory + "/" + DataFolder.blockFileName(blockID: blockID),
                directory + "/" + DataFolder.metaFileName(blockID: blockID, generationStamp: generationStamp))
    }

    /// Creates `current/rbw` and every `current/finalized/subdirNN`.
    /// - Throws: `SluiceError` when a directory cannot be created.
    func createLayout() throws {
        let fileSystem = LocalFileSystem()
        try fileSystem.makeDirectories(rbwPath)
        for index in 0..<DataFolder.subdirCount {
            try fileSystem.makeDirectories(finalizedSubdirPath(blockID: index))
        }
    }
}
