/// The `protocol` action: the reader and writer versions a client needs to use the table.
public struct ProtocolAction: Sendable, Equatable, Codable {
    public var minReaderVersion: Int32
    public var minWriterVersion: Int32
    public var readerFeatures: [String]?
    public var writerFeatures: [String]?

    /// What Sluice writes for new tables: reader 1, writer 2, the basic table delta-rs also
    /// creates (writer 2 means honouring `delta.appendOnly` and column invariants).
    public static let sluiceDefault = ProtocolAction(minReaderVersion: 1, minWriterVersion: 2)

    public init(minReaderVersion: Int32, minWriterVersion: Int32, readerFeatures: [String]? = nil, writerFeatures: [String]? = nil) {
        self.minReaderVersion = minReaderVersion
        self.minWriterVersion = minWriterVersion
        self.readerFeatures = readerFeatures
        self.writerFeatures = writerFeatures
    }

    /// Reader features Sluice understands when a table declares reader version 3.
    static let supportedReaderFeatures: Set<String> = ["timestampNtz", "v2Checkpoint", "vacuumProtocolCheck"]
}
