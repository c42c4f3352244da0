/// A file whose writer stopped renewing its lease: the service recovers it (finds the last
/// block's length on the datanodes, then calls `NameSpace.recoverLease`).
public struct ExpiredLease: Sendable, Hashable {
    public var path: String
    public var clientName: String
    /// The id of the last block whose length is not committed yet, if any.
    public var uncommittedBlock: ExtendedBlock?

    public init(path: String, clientName: String, uncommittedBlock: ExtendedBlock?) {
        self.path = path
        self.clientName = clientName
        self.uncommittedBlock = uncommittedBlock
    }
}
