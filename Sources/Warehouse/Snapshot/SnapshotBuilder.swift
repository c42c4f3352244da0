import SluiceCore

/// Replays actions, version by version, into a `Snapshot` (the protocol's action
/// reconciliation: the newest protocol and metaData win, an add and a remove of the same path
/// cancel in order, the newest txn per application wins).
struct SnapshotBuilder {
    private(set) var version: Int64 = -1
    private var protocolVersions: ProtocolAction?
    private var metadata: MetadataAction?
    private var files: [String: AddFile] = [:]
    private var tombstones: [String: RemoveFile] = [:]
    private var transactions: [String: TransactionAction] = [:]
    private var timestampMillis: Int64 = 0

    mutating func apply(_ actions: [DeltaAction], version: Int64, fallbackTimestampMillis: Int64) {
        self.version = version
        timestampMillis = fallbackTimestampMillis
        for action in actions {
            switch action {
            case .protocolVersions(let value): protocolVersions = value
            case .metadata(let value): metadata = value
            case .add(let file):
                let path = DeltaPath.decode(file.path)
                files[path] = file
                tombstones[path] = nil
            case .remove(let file):
                let path = DeltaPath.decode(file.path)
                files[path] = nil
                tombstones[path] = file
            case .transaction(let value): transactions[value.appId] = value
            case .commitInfo(let info): if let timestamp = info.timestamp { timestampMillis = timestamp }
            case .other: break
            }
        }
    }

    /// The snapshot of everything applied so far.
    /// - Throws: `SluiceError` (data) when the log never set protocol or metadata, or asks for
    ///   a reader version Sluice does not support.
    func build(tablePath: String) throws -> Snapshot {
        guard let protocolVersions, let metadata else {
            throw SluiceError.data("the log of \(tablePath) has no \(protocolVersions == nil ? "protocol" : "metaData") action up to version \(version)")
        }
        if protocolVersions.minReaderVersion > 3 {
            throw SluiceError.data("table \(tablePath) needs reader version \(protocolVersions.minReaderVersion); Sluice reads up to 3")
        }
        if protocolVersions.minReaderVersion == 3 {
            let unsupported = Set(protocolVersions.readerFeatures ?? []).subtracting(ProtocolAction.supportedReaderFeatures)
            if !unsupported.isEmpty {
                throw SluiceError.data("table \(tablePath) uses reader features Sluice does not support: \(unsupported.sorted().joined(separator: ", "))")
            }
        }
        let schema: Schema
        do {
            schema = try DeltaSchema.schema(from: metadata.schemaString)
        } catch let error as SluiceError {
            throw SluiceError.data("table \(tablePath): \(error.message)", at: error.location)
        }
        return Snapshot(version: version, protocolVersions: protocolVersions, metadata: metadata, schema: schema,
                        files: files.values.sorted { $0.path < $1.path },
                        tombstones: tombstones.values.sorted { $0.path < $1.path },
                        transactions: transactions, timestampMillis: timestampMillis)
    }
}
