import SluiceCore

/// Which reduce partition a key goes to.
public struct Partitioner<Key>: Sendable {
    public let partitionCount: Int
    public let partition: @Sendable (Key) -> Int

    @inlinable
    public init(partitionCount: Int, partition: @escaping @Sendable (Key) -> Int) {
        self.partitionCount = partitionCount
        self.partition = partition
    }

    /// By the key's stable partition hash: the same key lands in the same partition in every process.
    @inlinable
    public static func hash(partitionCount: Int) -> Partitioner<Key> where Key: PartitionHashable {
        Partitioner(partitionCount: partitionCount) { key in key.partitionIndex(partitionCount: partitionCount) }
    }
}
