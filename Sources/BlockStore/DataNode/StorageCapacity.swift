/// What a datanode tells the namenode about its space in each heartbeat, summed over its data
/// folders. Folders on one file system are each counted in full, as HDFS does.
public struct StorageCapacity: Sendable, Hashable, Codable {
    /// The size of the file systems holding the data folders.
    public var capacityBytes: Int64
    /// Bytes held by replicas (block and meta files).
    public var usedBytes: Int64
    /// Bytes still free for new replicas.
    public var remainingBytes: Int64

    public init(capacityBytes: Int64, usedBytes: Int64, remainingBytes: Int64) {
        self.capacityBytes = capacityBytes
        self.usedBytes = usedBytes
        self.remainingBytes = remainingBytes
    }
}
