extension WebHDFSFileStatus {
    /// The WebHDFS JSON shape of a namespace entry.
    public init(_ status: PathStatus) {
        self.init(
            accessTime: status.accessTimeMillis, blockSize: status.isDirectory ? 0 : status.blockSizeBytes,
            childrenNum: status.childrenCount, fileId: status.fileID, group: status.group,
            length: status.isDirectory ? 0 : status.lengthBytes, modificationTime: status.modificationTimeMillis,
            owner: status.owner, pathSuffix: status.pathSuffix, permission: String(status.permission, radix: 8),
            replication: status.isDirectory ? 0 : status.replication, type: status.isDirectory ? .directory : .file)
    }
}
