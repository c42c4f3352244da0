import SluiceCore
import Warehouse

/// The driver's side of `saveAsTable`: one commit that adds every data file the tasks wrote (and,
/// when overwriting, removes every file of the snapshot the save started from).
///
/// Warehouse's `TableWriter` writes and commits in one process; here the files come from many
/// tasks, so the commit is written to the table's `DeltaLog` directly, with the same optimistic
/// rule: try the version after the read snapshot; when another writer took it, check that its
/// commit does not contradict this one and try the next version.
struct TableFilesCommit {
    let table: Table
    let readSnapshot: Snapshot
    let mode: WriteMode

    /// Lost races retried at most, like `Table`'s own commits.
    static let attemptsMax = 10_000

    /// Commits the files as one new version and returns it.
    /// - Throws: `SluiceError` with condition `.commitConflict` when a concurrent commit changed
    ///   the schema, or (overwrite) added or removed data this one replaces; nothing is committed
    ///   and the caller deletes the files.
    func commit(_ files: [AddFile], rowCount: Int) throws -> Int64 {
        let now = table.clock.nowMillis()
        var actions = files.map { DeltaAction.add($0) }
        if mode == .overwrite {
            actions += readSnapshot.files.map { .remove(RemoveFile(removing: $0, at: now, dataChange: true)) }
        }
        let parameters: [String: JSONValue] = [
            "mode": .string(mode == .append ? "Append" : "Overwrite"),
            "partitionBy": .string(TableFilesCommit.jsonArray(readSnapshot.partitionColumns)),
        ]
        let metrics: [String: JSONValue] = [
            "numFiles": .integer(Int64(files.count)), "numOutputRows": .integer(Int64(rowCount)),
            "numOutputBytes": .integer(files.reduce(0) { $0 + $1.size }),
        ]
        let replaced = Set(readSnapshot.files.map { DeltaPath.decode($0.path) })
        var version = readSnapshot.version + 1
        for _ in 0..<TableFilesCommit.attemptsMax {
            let info = CommitInfo(timestamp: table.clock.nowMillis(), operation: "WRITE", operationParameters: parameters,
                                  operationMetrics: metrics, readVersion: readSnapshot.version, isBlindAppend: mode == .append)
            do {
                try table.log.writeCommit(version, [.commitInfo(info)] + actions)
                return version
            } catch let error as SluiceError where error.condition == .alreadyExists {
                try checkConflicts(with: table.log.readCommit(version), version: version, replaced: replaced)
                version += 1
            }
        }
        throw SluiceError.io("gave up committing to \(table.path) after \(TableFilesCommit.attemptsMax) lost races")
    }

    private func checkConflicts(with winner: [DeltaAction], version: Int64, replaced: Set<String>) throws {
        for action in winner {
            switch action {
            case .metadata, .protocolVersions:
                throw conflict("version \(version) changed the table's schema, properties or protocol")
            case .add(let added) where mode == .overwrite && added.dataChange:
                throw conflict("version \(version) added rows this overwrite would have replaced (\(added.path))")
            case .remove(let removed) where mode == .overwrite && replaced.contains(DeltaPath.decode(removed.path)):
                throw conflict("version \(version) removed \(DeltaPath.decode(removed.path)), which this overwrite replaces")
            default:
                continue
            }
        }
    }

    private func conflict(_ reason: String) -> SluiceError {
        SluiceError(.userInput, "concurrent commit conflict in saveAsTable: \(reason); retry the job", condition: .commitConflict)
    }

    /// `["a","b"]`, as the log records partition columns.
    static func jsonArray(_ names: [String]) -> String {
        "[" + names.map { name in
            var quoted = "\""
            for character in name.unicodeScalars {
                switch character {
                case "\"": quoted += "\\\""
                case "\\": quoted += "\\\\"
                default:
                    if character.value < 0x20 {
                        let hex = String(character.value, radix: 16)
                        quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        quoted.unicodeScalars.append(character)
                    }
                }
            }
            return quoted + "\""
        }.joined(separator: ",") + "]"
    }
}
