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
/// Assumes it is the only writer of its application's files; other writers' appends commute,
/// and compaction and deletes leave its open file alone (it is tagged `AddFile.replacingWriterTag`).
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

    func prepare() throws { _ = try handle.table() }

    /// What this sink knows of the table since it last read a snapshot: the snapshot, the
    /// newest version since (its own commits), this application's open files and its newest
    /// committed batch. A concurrent commit makes the next commit fail and the snapshot is read
    /// again, so the knowledge is never stale when a commit succeeds, and steady state does not
    /// replay the log.
    private var known: (snapshot: Snapshot, version: Int64, openFiles: [AddFile], committedBatch: Int64?)?

    private func readKnown(_ table: Table) throws -> (snapshot: Snapshot, version: Int64, openFiles: [AddFile], committedBatch: Int64?) {
        let snapshot = try table.snapshot()
        let openFiles = snapshot.files.filter { $0.path.hasPrefix(fileNamePrefix) && $0.path.hasSuffix(openFileSuffix) }
        let state = (snapshot, snapshot.version, openFiles, snapshot.transactions[appId]?.version)
        known = state
        return state
    }

    func commit(batchId: Int64, open: [WindowResult<Key, Value>], retired: [WindowResult<Key, Value>]) throws -> SinkOutcome {
        let table = try handle.table()
        var state = try known ?? readKnown(table)
        if let committed = state.committedBatch, committed >= batchId {
            return SinkOutcome(tableVersion: state.version, skippedAsCommitted: true)
        }
        var added: [AddFile] = []
        if !open.isEmpty {
            let name = fileNamePrefix + String(format: "%020lld", batchId) + openFileSuffix
            // Tagged, so compaction and deletes leave the rows this sink replaces next batch alone.
            added.append(try handle.writeDataFile(try handle.batch(open.map(encoding.row)), name: name, table: table,
                                                  tags: [AddFile.replacingWriterTag: appId]))
        }
        if !retired.isEmpty {
            let name = fileNamePrefix + String(format: "%020lld", batchId) + "-final.parquet"
            added.append(try handle.writeDataFile(try handle.batch(retired.map(encoding.row)), name: name, table: table))
        }
        for _ in 0..<Self.commitAttemptsMax {
            do {
                let result = try table.commitFiles(
                    adding: added, removing: state.openFiles, transaction: TransactionAction(appId: appId, version: batchId),
                    readSnapshot: state.snapshot, afterVersion: state.version, operation: "STREAMING UPDATE",
                    parameters: ["outputMode": .string("Update"), "queryId": .string(appId), "epochId": .string(String(batchId))],
                    metrics: ["numAddedFiles": .integer(Int64(added.count)), "numRemovedFiles": .integer(Int64(state.openFiles.count)),
                              "numOutputRows": .integer(Int64(open.count + retired.count))])
                known = (state.snapshot, result.version, added.filter { $0.path.hasSuffix(openFileSuffix) }, batchId)
                return SinkOutcome(rowsCommitted: open.count + retired.count, tableVersion: result.version)
            } catch let error as SluiceError where error.condition == .commitConflict {
                // Another writer committed this very batch (a concurrent replay) or removed the
                // open files (compaction): read the table again and decide afresh.
                state = try readKnown(table)
                if let committed = state.committedBatch, committed >= batchId {
                    return SinkOutcome(tableVersion: state.version, skippedAsCommitted: true)
                }
            } catch {
                // The commit may or may not have landed (an I/O error while publishing): read
                // the table again before the next attempt.
                known = nil
                throw error
            }
        }
        known = nil
        throw SluiceError.io("gave up committing batch \(batchId) to \(handle.location) after \(Self.commitAttemptsMax) lost races")
    }
}
