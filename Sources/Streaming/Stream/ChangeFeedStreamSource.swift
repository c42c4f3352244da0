import Dataflow
import SluiceCore
import Warehouse

/// A warehouse table's change feed as one source partition whose offsets are table versions:
/// offset `v` holds the row changes of version `v`. Rows carry the table's columns and
/// `_change_type`, `_commit_version`, `_commit_timestamp`; the event time is the commit time.
struct ChangeFeedStreamSource: StreamSource {
    let location: String
    let fileSystems: FileSystemRegistry
    let fromVersion: Int64

    var sourceDescription: String { "changes:\(location)" }
    var sourceName: String { location }

    func table() throws -> Table {
        let resolved = try fileSystems.resolve(location)
        return try Table(fileSystem: resolved.fileSystem, path: resolved.path)
    }

    func endOffsets() throws -> [Int64] {
        guard let latest = try table().log.list().commitVersions.last else { return [fromVersion] }
        return [latest + 1]
    }

    func initialOffsets() throws -> [Int64] { [fromVersion] }

    func push(_ task: StreamTask, _ emit: (Row, Int64) throws -> Void) throws {
        guard task.startOffset < task.endOffset else { return }
        var feed = try table().changes(fromVersion: task.startOffset, toVersion: task.endOffset - 1)
        let layout = RowLayout.of(feed.schema)
        let versionColumn = feed.schema.index(of: ChangeFeed.commitVersionColumn)!
        let timestampColumn = feed.schema.index(of: ChangeFeed.commitTimestampColumn)!
        while let batch = try feed.next() {
            task.currentRows = (0..<batch.rowCount).map { Row(layout: layout, values: batch.row($0)) }
            for index in task.currentRows.indices {
                let row = task.currentRows[index]
                task.currentIndex = index
                if case .int64(let version) = row.values[versionColumn] { task.currentOffset = version }
                task.currentIsLate = false
                task.recordsRead += 1
                var eventTime: Int64 = 0
                if case .timestamp(let micros) = row.values[timestampColumn] { eventTime = micros / 1000 }
                do {
                    try emit(row, eventTime)
                } catch let failure as StreamClosureFailure {
                    task.recordDeadLetter(failure)
                }
            }
        }
        task.currentRows = []
    }
}
