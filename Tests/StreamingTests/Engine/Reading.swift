import SluiceCore

/// A sensor reading that can be kept in window state.
struct Reading: ShuffleCodable, Sendable {
    var sensor: String
    var value: Int64

    func encode(into writer: inout RecordWriter) {
        sensor.encode(into: &writer)
        value.encode(into: &writer)
    }

    static func decode(from reader: inout RecordReader) throws(SluiceError) -> Reading {
        Reading(sensor: try String.decode(from: &reader), value: try Int64.decode(from: &reader))
    }
}
