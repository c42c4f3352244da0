import SluiceCore

extension BlockStoreFileSystem: BlockLocatingFileSystem {
    /// The blocks of a file in order, each with the host names of the datanodes holding a
    /// replica, as the namenode lists them (nearest to this client first). Job inputs are split
    /// by these blocks and their tasks are placed next to the replicas.
    ///
    /// Blocking, like every call of this file system: one round trip to the namenode.
    /// - Throws: `SluiceError` (user input, `.notFound`) when the file does not exist.
    public func blockLocations(_ path: String) throws -> [FileBlockLocation] {
        let client = self.client
        let located = try Self.blocking { try await client.open(path).blocks }
        return located.map { block in
            var hosts: [String] = []
            // Two datanodes of one host hold two replicas, but the host is one place to run a task.
            for datanode in block.locations where !hosts.contains(datanode.host) { hosts.append(datanode.host) }
            return FileBlockLocation(offset: Int(block.offsetBytes), length: Int(block.block.lengthBytes), hosts: hosts)
        }
    }
}
