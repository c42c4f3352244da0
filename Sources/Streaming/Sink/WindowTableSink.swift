import Foundation
import SluiceCore
import Warehouse

/// Writes a windowed aggregation into a table exactly once, with every table version exact:
/// each row of a window lives in exactly one live file. A batch's commit removes the previous
/// "open" file, adds a new one with every window still open, and adds a "final" file with the
/// windows retired in the batch, together with the `txn` (application id, batch id). File names
/// follow from (application id, batch id), so a replayed batch rewrites the same names, and a
/// batch the table already has (its `txn` committed) is skipped.
///
/// Assumes it is the only writer of its application's files; other writers' appends commute.
/// Not thread-safe: the query's driver thread owns it.
final class WindowTableSink<Key, Value>: WindowResultSink {
    let handle: StreamTableHandle
    let encoding: WindowRowEncoding<Key, Value>
    let appId: String
    var sinkDescription: String { "table:\(handle.location)" }

    static var commitAttemptsMax: Int { 100 }

    init(location: String, encoding: WindowRowEncoding<Key, Value>, appId: String, fileSystems: FileSystemRegistry, clock: any WallClock) {
        handle = StreamTableHandle(location: location, schema: encoding.schema, fileSystems: fileSystems, clock: clock)
        self.encoding = encoding
        self.appId = appId
    }

    var fileNamePrefix: String { "stream-" + StreamTableHandle.fileNamePart(appId) + "-" }
    var openFileSuffix: String { "-open.parquet" }

    func commit(batchId: Int64, open: [WindowResult<Key, Value>], retired: [WindowResult<Key, Value>]) throws -> SinkOutcome {
        let table = try handle.table()
        var snapshot = try table.snapshot()
        if let committed = snapshot.transactions[appId], committed.version >= batchId {
            return SinkOutcome(tableVersion: snapshot.version, skippedAsCommitted: true)
        }
        var added: [AddFile] = []
        if !open.isEmpty {
            let name = fileNamePrefix + String(format: "%020lld", batchId) + openFileSuffix
            added.append(try handle.writeDataFile(try handle.batch(open.map(encoding.row)), name: name, table: table))
        }
        if !retired.isEmpty {
            let name = fileNamePrefix + String(format: "%020lld", batchId) + "-final.parquet"
            added.append(try handle.writeDataFile(try handle.batch(retired.map(encoding.row)), name: name, table: table))
        }
        for _ in 0..<Self.commitAttemptsMax {
            let now = handle.clock.nowMillis()
            let previousOpen = snapshot.files.filter { $0.path.hasPrefix(fileNamePrefix) && $0.path.hasSuffix(openFileSuffix) }
            var actions: [DeltaAction] = [.commitInfo(CommitInfo(
                timestamp: now, operation: "STREAMING UPDATE",
                operationParameters: ["outputMode": .string("Update"), "queryId": .string(appId), "epochId": .string(String(batchId))],
                operationMetrics: ["numAddedFiles": .integer(Int64(added.count)), "numRemovedFiles": .integer(Int64(previousOpen.count)),
                                   "numOutputRows": .integer(Int64(open.count + retired.count))],
                readVersion: snapshot.version, isBlindAppend: false))]
            actions += previousOpen.map { .remove(RemoveFile(removing: $0, at: now, dataChange: true)) }
            actions += added.map { .add($0) }
            actions.append(.transaction(TransactionAction(appId: appId, version: batchId, lastUpdated: now)))
            do {
                try table.log.writeCommit(snapshot.version + 1, actions)
                return SinkOutcome(rowsCommitted: open.count + retired.count, tableVersion: snapshot.version + 1)
            } catch let error as SluiceError where error.condition == .alreadyExists {
                // Another writer took the version: see whether it was this very batch (a
                // concurrent replay), else commit on top of it.
                snapshot = try table.snapshot()
                if let committed = snapshot.transactions[appId], committed.version >= batchId {
                    return SinkOutcome(tableVersion: snapshot.version, skippedAsCommitted: true)
                }
            }
        }
        throw SluiceError.io("gave up committing batch \(batchId) to \(handle.location) after \(Self.commitAttemptsMax) lost races")
    }
}
