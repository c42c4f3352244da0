import SluiceCore

/// What a checkpoint keeps besides the operators' state: the last batch, where each source
/// partition resumes, the event time seen per partition, the watermark, and running counters.
struct StreamCheckpointState: Sendable, Equatable {
    var batchId: Int64
    var nextOffsets: [Int64]
    /// `Int64.min` for a partition that has had no records yet.
    var maxEventTimeMillis: [Int64]
    var watermarkMillis: Int64
    var recordsReadTotal: Int64
    var lateRecordsTotal: Int64
    var deadLettersTotal: Int64

    func encode(into writer: inout RecordWriter) {
        writer.writeLittleEndian(batchId)
        writer.writeVarUInt(UInt64(nextOffsets.count))
        for offset in nextOffsets { writer.writeLittleEndian(offset) }
        writer.writeVarUInt(UInt64(maxEventTimeMillis.count))
        for time in maxEventTimeMillis { writer.writeLittleEndian(time) }
        writer.writeLittleEndian(watermarkMillis)
        writer.writeLittleEndian(recordsReadTotal)
        writer.writeLittleEndian(lateRecordsTotal)
        writer.writeLittleEndian(deadLettersTotal)
    }

    static func decode(from reader: inout RecordReader) throws(SluiceError) -> StreamCheckpointState {
        let batchId: Int64 = try reader.readLittleEndian()
        var nextOffsets: [Int64] = []
        for _ in 0..<(try reader.readElementCount()) { nextOffsets.append(try reader.readLittleEndian()) }
        var times: [Int64] = []
        for _ in 0..<(try reader.readElementCount()) { times.append(try reader.readLittleEndian()) }
        return StreamCheckpointState(batchId: batchId, nextOffsets: nextOffsets, maxEventTimeMillis: times,
                                     watermarkMillis: try reader.readLittleEndian(), recordsReadTotal: try reader.readLittleEndian(),
                                     lateRecordsTotal: try reader.readLittleEndian(), deadLettersTotal: try reader.readLittleEndian())
    }
}
