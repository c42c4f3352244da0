import SluiceCore

/// A row travels as its layout's fingerprint (8 bytes), a varint value count and the tagged
/// values (`RowValueEncoding`); the schema itself is not repeated per record. The decoding
/// process finds the schema by fingerprint among the layouts it made: a worker rebuilds the
/// job's datasets, sources and row layouts before it runs tasks, so it knows them all.
extension Row: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(layout.fingerprint)
        writer.writeVarUInt(UInt64(values.count))
        for value in values { RowValueEncoding.encode(value, into: &writer) }
    }

    /// - Throws: `SluiceError.data` for bytes that are not a row, or a fingerprint of a schema
    ///   this process never made.
    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> Row {
        let offset = reader.byteOffset
        let fingerprint = try reader.readLittleEndian(UInt64.self)
        guard let layout = RowLayout.registered(fingerprint: fingerprint) else {
            throw SluiceError.data("a shuffled row has a schema (fingerprint \(fingerprint)) this process has not made; build rows with RowLayout.of(schema) in the job's code",
                                   at: SourceLocation(byteOffset: offset))
        }
        let count = try reader.readElementCount()
        guard count == layout.schema.count else {
            throw RowValueEncoding.invalid("value count \(count) for a schema of \(layout.schema.count) fields", offset)
        }
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try RowValueEncoding.decode(from: &reader)) }
        return Row(layout: layout, values: values)
    }
}
