/// The file a block belongs to (for fsck and corrupt-replica reports).
public struct BlockOwner: Sendable, Hashable {
    public var path: String
    public var replication: Int

    public init(path: String, replication: Int) {
        self.path = path
        self.replication = replication
    }
}
