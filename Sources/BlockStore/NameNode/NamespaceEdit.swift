/// One namespace change as the edit log records it. Every value the change needs (ids, times,
/// owners) is in the record, so replaying it rebuilds exactly the tree that was acknowledged;
/// checks (permissions, existence) happen before a record is written, never during replay.
public enum NamespaceEdit: Codable, Sendable, Hashable {
    /// One directory (its parent exists).
    case mkdir(path: String, fileID: UInt64, owner: String, group: String, permission: UInt16, timeMillis: Int64)
    /// A new file open for writing by `clientName`; replaces an existing closed file when
    /// `overwrite` is set.
    case addFile(
        path: String, fileID: UInt64, owner: String, group: String, permission: UInt16, timeMillis: Int64,
        replication: Int, blockSizeBytes: Int64, clientName: String, overwrite: Bool)
    /// A block appended to a file being written; `previous` carries the committed length of the
    /// block before it. The block's id and generation stamp advance the counters on replay.
    case addBlock(path: String, block: ExtendedBlock, previous: ExtendedBlock?)
    /// The length of the file's uncommitted last block, which stays open.
    case commitBlock(path: String, block: ExtendedBlock)
    /// The file's uncommitted last block is dropped.
    case abandonBlock(path: String, blockID: UInt64)
    /// The writer finished: `last` commits the last block's length, the lease is released.
    case closeFile(path: String, last: ExtendedBlock?, timeMillis: Int64)
    case delete(path: String, timeMillis: Int64)
    /// `to` is the final path of the entry (a move into a directory is already resolved).
    case rename(from: String, to: String, timeMillis: Int64)
    case setReplication(path: String, replication: Int)
    case setPermission(path: String, permission: UInt16)
    case setOwner(path: String, owner: String?, group: String?)
    case setTimes(path: String, modificationTimeMillis: Int64?, accessTimeMillis: Int64?)
    /// A closed file reopened for append by `clientName`.
    case append(path: String, clientName: String, timeMillis: Int64)
    /// A file's lease moves to another holder (lease recovery by the namenode).
    case reassignLease(path: String, clientName: String)
    /// Lease recovery closes the file; the uncommitted last block gets `lastBlockLengthBytes`,
    /// or is dropped when that is nil.
    case recoverLease(path: String, lastBlockLengthBytes: Int64?, timeMillis: Int64)
    /// Raises the generation stamp counter (block recovery stamps replicas with a new one).
    case setGenerationStamp(UInt64)
}
