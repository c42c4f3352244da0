#if canImport(Glibc)
import Glibc
#endif
import SluiceCore

/// The running min, max and null count of one column chunk, in the column's sort order
/// (signed for integers, IEEE for doubles ignoring NaN, unsigned byte-wise for byte arrays).
struct ColumnStatisticsAccumulator {
    /// Byte-array statistics longer than this are left out of the footer, as parquet-cpp does,
    /// so a column of large blobs does not bloat every reader's footer read.
    static let valueSizeBytesMax = 4096

    private(set) var nullCount: Int64 = 0
    private var integerRange: (min: Int64, max: Int64)?
    private var wideRange: (min: Int128, max: Int128)?
    private var doubleRange: (min: Double, max: Double)?
    private var booleanRange: (min: Bool, max: Bool)?
    private var bytesMin: [UInt8]?
    private var bytesMax: [UInt8]?

    mutating func addNulls(_ count: Int) { nullCount += Int64(count) }

    @inline(__always)
    mutating func add(integer value: Int64) {
        if let range = integerRange {
            if value < range.min { integerRange!.min = value } else if value > range.max { integerRange!.max = value }
        } else {
            integerRange = (value, value)
        }
    }

    mutating func add(integers values: UnsafeBufferPointer<Int64>) {
        guard var low = values.first else { return }
        var high = low
        for value in values {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        add(integer: low)
        add(integer: high)
    }

    mutating func add(integers values: UnsafeBufferPointer<Int32>) {
        guard var low = values.first else { return }
        var high = low
        for value in values {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        add(integer: Int64(low))
        add(integer: Int64(high))
    }

    mutating func add(wide value: Int128) {
        if let range = wideRange {
            wideRange = (Swift.min(range.min, value), Swift.max(range.max, value))
        } else {
            wideRange = (value, value)
        }
    }

    mutating func add(doubles values: UnsafeBufferPointer<Double>) {
        var low = Double.infinity
        var high = -Double.infinity
        var sawNumber = false
        for value in values where !value.isNaN {
            sawNumber = true
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        guard sawNumber else { return }
        if let range = doubleRange {
            doubleRange = (Swift.min(range.min, low), Swift.max(range.max, high))
        } else {
            doubleRange = (low, high)
        }
    }

    mutating func add(boolean value: Bool) {
        if let range = booleanRange {
            booleanRange = (range.min && value, range.max || value)
        } else {
            booleanRange = (value, value)
        }
    }

    mutating func add(bytes value: UnsafeRawBufferPointer) {
        if let low = bytesMin, ColumnStatisticsAccumulator.compare(value, low) < 0 {
            bytesMin = Array(value)
        } else if bytesMin == nil {
            bytesMin = Array(value)
        }
        if let high = bytesMax, ColumnStatisticsAccumulator.compare(value, high) > 0 {
            bytesMax = Array(value)
        } else if bytesMax == nil {
            bytesMax = Array(value)
        }
    }

    /// Unsigned byte-wise comparison, shorter first on a common prefix.
    static func compare(_ left: UnsafeRawBufferPointer, _ right: [UInt8]) -> Int {
        right.withUnsafeBytes { right in
            let common = Swift.min(left.count, right.count)
            if common > 0 {
                let order = memcmp(left.baseAddress!, right.baseAddress!, common)
                if order != 0 { return Int(order) }
            }
            return left.count - right.count
        }
    }

    /// The footer statistics, with min and max encoded as the physical type's PLAIN bytes.
    func statistics(for descriptor: ParquetColumnDescriptor) -> Statistics {
        var statistics = Statistics()
        statistics.nullCount = nullCount
        var bounds: (min: [UInt8], max: [UInt8])?
        switch descriptor.physicalType {
        case .int32:
            if let range = integerRange {
                bounds = (littleEndianBytes(Int32(truncatingIfNeeded: range.min)), littleEndianBytes(Int32(truncatingIfNeeded: range.max)))
            }
        case .int64:
            if let range = integerRange { bounds = (littleEndianBytes(range.min), littleEndianBytes(range.max)) }
        case .double:
            if let range = doubleRange {
                // -0.0 and +0.0 compare equal; write the bounds that include both, as the spec asks.
                let low = range.min == 0 ? -0.0 : range.min
                let high = range.max == 0 ? 0.0 : range.max
                bounds = (littleEndianBytes(low.bitPattern), littleEndianBytes(high.bitPattern))
            }
        case .boolean:
            if let range = booleanRange { bounds = ([range.min ? 1 : 0], [range.max ? 1 : 0]) }
        case .fixedLenByteArray:
            if let range = wideRange, let width = descriptor.typeLength {
                var low: [UInt8] = []
                var high: [UInt8] = []
                PlainEncoding.encodeBigEndianDecimal(range.min, byteWidth: Int(width), appendingTo: &low)
                PlainEncoding.encodeBigEndianDecimal(range.max, byteWidth: Int(width), appendingTo: &high)
                bounds = (low, high)
            }
        case .byteArray:
            if let low = bytesMin, let high = bytesMax,
               low.count <= ColumnStatisticsAccumulator.valueSizeBytesMax, high.count <= ColumnStatisticsAccumulator.valueSizeBytesMax {
                bounds = (low, high)
            }
        default:
            break
        }
        if let bounds {
            statistics.minValue = bounds.min
            statistics.maxValue = bounds.max
        }
        return statistics
    }

    private func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
