import SluiceCore
import Warehouse

/// The driver's side of `saveAsTable`: one commit that adds every data file the tasks wrote (and,
/// when overwriting, removes every file of the snapshot the save started from), through
/// `Table.commitFiles` — the files come from many tasks, not from one `TableWriter`.
struct TableFilesCommit {
    let table: Table
    let readSnapshot: Snapshot
    let mode: WriteMode

    /// Commits the files as one new version and returns it.
    /// - Throws: `SluiceError` with condition `.commitConflict` when a concurrent commit changed
    ///   the schema, or (overwrite) added or removed data this one replaces; nothing is committed
    ///   and the caller deletes the files.
    func commit(_ files: [AddFile], rowCount: Int) throws -> Int64 {
        let parameters: [String: JSONValue] = [
            "mode": .string(mode == .append ? "Append" : "Overwrite"),
            "partitionBy": .string(TableFilesCommit.jsonArray(readSnapshot.partitionColumns)),
        ]
        let metrics: [String: JSONValue] = [
            "numFiles": .integer(Int64(files.count)), "numOutputRows": .integer(Int64(rowCount)),
            "numOutputBytes": .integer(files.reduce(0) { $0 + $1.size }),
        ]
        let overwrites = mode == .overwrite
        return try table.commitFiles(adding: files, removing: overwrites ? readSnapshot.files : [], readSnapshot: readSnapshot,
                                     replacesWholeTable: overwrites, operation: "WRITE", parameters: parameters, metrics: metrics).version
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
