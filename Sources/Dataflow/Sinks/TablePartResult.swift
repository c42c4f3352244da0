import SluiceCore

/// What one `saveAsTable` task reports: the data files it wrote (as the Delta log's JSON, so
/// they travel from a worker like any other result) and how many rows they hold.
struct TablePartResult: ShuffleCodable, Sendable {
    var addFilesJSON: [UInt8]
    var rowCount: Int

    func encode(into writer: inout RecordWriter) {
        addFilesJSON.withUnsafeBytes { writer.writeLengthPrefixedBytes($0) }
        rowCount.encode(into: &writer)
    }

    static func decode(from reader: inout RecordReader) throws(SluiceError) -> TablePartResult {
        let json = Array(try reader.readBytes(count: try reader.readByteCount()))
        return TablePartResult(addFilesJSON: json, rowCount: try Int.decode(from: &reader))
    }
}
