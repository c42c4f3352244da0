import Foundation
import Logging
import SluiceCore

/// One edit-log segment file, `edits_<first txid>`, and its replay. A segment is appended to
/// until the next checkpoint starts a new one.
struct EditLogSegment {
    static let namePrefix = "edits_"

    let path: String
    let firstTxid: UInt64

    static func fileName(firstTxid: UInt64) -> String {
        namePrefix + paddedTxid(firstTxid)
    }

    /// Txids padded to 19 digits so file names sort in txid order.
    static func paddedTxid(_ txid: UInt64) -> String {
        let digits = String(txid)
        return String(repeating: "0", count: max(0, 19 - digits.count)) + digits
    }

    /// The segments in `directory`, oldest first.
    static func list(in directory: String) throws -> [EditLogSegment] {
        let names = try NamespaceFiles.names(in: directory)
        return names.compactMap { name -> EditLogSegment? in
            guard name.hasPrefix(namePrefix), let txid = UInt64(name.dropFirst(namePrefix.count)) else {
                return nil
            }
            return EditLogSegment(path: directory + "/" + name, firstTxid: txid)
        }.sorted { $0.firstTxid < $1.firstTxid }
    }

    /// The records of this segment in order. A torn last record (cut short, or failing its
    /// checksum with no valid record anywhere after it) is what a crash during a write leaves;
    /// it was never acknowledged, so it is dropped and the file truncated to the last good
    /// record. Damage followed by valid records, a txid out of sequence or an undecodable
    /// payload means acknowledged edits were lost: replay stops.
    /// - Throws: `SluiceError.data` naming the file and byte offset; `.io` when unreadable.
    func readRecords(logger: Logger) throws -> [(txid: UInt64, edit: NamespaceEdit, byteOffset: Int)] {
        let bytes = try NamespaceFiles.readAll(path)
        var records: [(txid: UInt64, edit: NamespaceEdit, byteOffset: Int)] = []
        var offset = 0
        let decoder = JSONDecoder()
        while offset < bytes.count {
            let expectedTxid = records.last.map { $0.txid + 1 } ?? firstTxid
            guard let record = EditLogRecord.decode(bytes, at: offset) else {
                if let laterOffset = firstValidRecordOffset(in: bytes, after: offset) {
                    throw corrupt(
                        at: offset, txid: expectedTxid,
                        "damaged record followed by a valid record at byte \(laterOffset)")
                }
                logger.warning(
                    "edit log has a torn last record; dropping it",
                    metadata: [
                        "file": "\(path)", "byteOffset": "\(offset)",
                        "droppedBytes": "\(bytes.count - offset)",
                    ])
                try NamespaceFiles.truncate(path, toLengthBytes: offset)
                break
            }
            guard record.txid == expectedTxid else {
                throw corrupt(at: offset, txid: expectedTxid, "found txid \(record.txid), expected \(expectedTxid)")
            }
            let edit: NamespaceEdit
            do {
                edit = try decoder.decode(NamespaceEdit.self, from: Data(bytes[record.payload]))
            } catch {
                throw corrupt(at: offset, txid: record.txid, "undecodable edit: \(error)")
            }
            records.append((record.txid, edit, offset))
            offset = record.end
        }
        return records
    }

    /// The error for damage at `offset`.
    func corrupt(at offset: Int, txid: UInt64, _ reason: String) -> SluiceError {
        SluiceError.data(
            "edit log \(path) is corrupt at byte \(offset) (txid \(txid)): \(reason)",
            at: SourceLocation(file: path, byteOffset: offset))
    }

    private func firstValidRecordOffset(in bytes: [UInt8], after offset: Int) -> Int? {
        var candidate = offset + 1
        while candidate + EditLogRecord.headerLengthBytes <= bytes.count {
            if EditLogRecord.decode(bytes, at: candidate) != nil { return candidate }
            candidate += 1
        }
        return nil
    }
}
