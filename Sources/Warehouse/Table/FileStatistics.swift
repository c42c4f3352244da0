import Foundation
import Parquet
import SluiceCore

/// A data file's statistics as the log stores them (`add.stats`): row count and per-column
/// min, max and null count, used to skip files that cannot match a predicate.
public struct FileStatistics: Sendable, Equatable {
    public var numRecords: Int64
    public var ranges: [String: ColumnValueRange]

    public init(numRecords: Int64, ranges: [String: ColumnValueRange]) {
        self.numRecords = numRecords
        self.ranges = ranges
    }

    /// Strings longer than this are left out of min/max: a prefix would need care to stay a
    /// valid bound, and long values rarely prune anything.
    static let stringBoundLengthMax = 64

    /// The JSON text for `add.stats`.
    public func json() throws -> String {
        var minValues: [String: JSONValue] = [:]
        var maxValues: [String: JSONValue] = [:]
        var nullCounts: [String: JSONValue] = [:]
        for (column, range) in ranges {
            if let nullCount = range.nullCount { nullCounts[column] = .integer(nullCount) }
            if let low = range.min, let encoded = FileStatistics.encode(low, roundingUp: false) { minValues[column] = encoded }
            if let high = range.max, let encoded = FileStatistics.encode(high, roundingUp: true) { maxValues[column] = encoded }
        }
        return try LogJSON.encode(JSONValue.object([
            "numRecords": .integer(numRecords), "minValues": .object(minValues),
            "maxValues": .object(maxValues), "nullCount": .object(nullCounts),
        ]))
    }

    /// Parses `add.stats` against the table schema; unknown or unreadable entries are dropped
    /// (statistics are hints, never needed for correctness).
    public init?(json text: String, schema: Schema) {
        guard let root = try? LogJSON.decode(JSONValue.self, from: text), let count = root["numRecords"]?.integerValue else {
            return nil
        }
        numRecords = count
        ranges = [:]
        for field in schema.fields {
            var range = ColumnValueRange()
            range.nullCount = root["nullCount"]?[field.name]?.integerValue
            range.min = root["minValues"]?[field.name].flatMap { FileStatistics.decode($0, as: field.type) }
            range.max = root["maxValues"]?[field.name].flatMap { FileStatistics.decode($0, as: field.type) }
            if range.nullCount != nil || range.min != nil || range.max != nil { ranges[field.name] = range }
        }
    }

    /// Whether rows matching `predicate` may be in the file.
    public func mayMatch(_ predicate: ColumnPredicate, literal: Value) -> Bool {
        guard let range = ranges[predicate.column] else { return true }
        if let nullCount = range.nullCount, nullCount == numRecords, numRecords > 0 { return false }
        guard let low = range.min, let high = range.max else { return true }
        return predicate.mayMatch(min: low, max: high, literal: literal)
    }

    static func encode(_ value: Value, roundingUp: Bool) -> JSONValue? {
        switch value {
        case .int32(let v): return .integer(Int64(v))
        case .int64(let v): return .integer(v)
        case .float64(let v): return v.isFinite ? .number(v) : nil
        case .string(let v): return v.utf8.count <= stringBoundLengthMax ? .string(v) : nil
        case .date: return .string(value.description)
        case .timestamp(let micros):
            // The log keeps milliseconds: round the min down and the max up so bounds stay valid.
            var millis = micros >= 0 ? micros / 1000 : (micros - 999) / 1000
            if roundingUp, millis * 1000 < micros { millis += 1 }
            return .string(CivilTime.formatISOTimestamp(micros: millis * 1000, fractionDigits: 3))
        case .decimal(let unscaled, _):
            // Exact as a double only up to 15 digits; wider bounds are left out.
            guard unscaled.magnitude < Decimal128.powerOfTen(15).magnitude, let number = Double(value.description) else { return nil }
            return .number(number)
        default: return nil
        }
    }

    static func decode(_ json: JSONValue, as type: DataType) -> Value? {
        switch (json, type) {
        case (.integer(let v), _): return Value.int64(v).converted(to: type)
        case (.number(let v), .float64): return .float64(v)
        case (.number(let v), .decimal): return Value.string(String(v)).converted(to: type)
        case (.string(let text), _): return Value.string(text).converted(to: type)
        default: return nil
        }
    }
}
