import SluiceCore
import Warehouse

/// Appends each batch's elements to a table as one commit carrying the `txn` (application id,
/// batch id): a replayed batch the table already has is skipped.
///
/// Not thread-safe: the query's driver thread owns it.
final class AppendTableSink<Element>: ElementSink {
    let handle: StreamTableHandle
    let encoding: TableRowEncoding<Element>
    let appId: String
    var sinkDescription: String { "table:\(handle.location)" }

    func prepare() throws { _ = try handle.table() }

    init(location: String, encoding: TableRowEncoding<Element>, appId: String, fileSystems: FileSystemRegistry, clock: any WallClock) {
        handle = StreamTableHandle(location: location, schema: encoding.schema, fileSystems: fileSystems, clock: clock)
        self.encoding = encoding
        self.appId = appId
    }

    func commit(batchId: Int64, elements: [Element]) throws -> SinkOutcome {
        let table = try handle.table()
        let snapshot = try table.snapshot()
        if let committed = snapshot.transactions[appId], committed.version >= batchId {
            return SinkOutcome(tableVersion: snapshot.version, skippedAsCommitted: true)
        }
        var rows: [[Value]] = []
        rows.reserveCapacity(elements.count)
        for element in elements { rows.append(try encoding.values(element)) }
        let writer = try table.writer(mode: .append, transaction: TransactionAction(appId: appId, version: batchId))
        try writer.write(try handle.batch(rows))
        guard let result = try writer.commit() else {
            return SinkOutcome(tableVersion: try table.snapshot().version, skippedAsCommitted: true)
        }
        return SinkOutcome(rowsCommitted: rows.count, tableVersion: result.version)
    }
}
