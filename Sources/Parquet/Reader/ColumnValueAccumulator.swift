import SluiceCore

/// The growing value buffers of one column being read, in Sluice's storage form. Pages decode
/// their non-null values densely at the end of the buffer; `spreadNulls` then moves them to
/// their rows, leaving zero slots for the nulls.
struct ColumnValueAccumulator {
    let type: DataType
    var booleans: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var int128s: [Int128] = []
    var doubles: [Double] = []
    var binary = BinaryBuffer()

    init(type: DataType, capacity: Int) {
        self.type = type
        switch type.storage {
        case .boolean: booleans.reserveCapacity(capacity)
        case .int32: int32s.reserveCapacity(capacity)
        case .int64: int64s.reserveCapacity(capacity)
        case .int128: int128s.reserveCapacity(capacity)
        case .float64: doubles.reserveCapacity(capacity)
        case .bytes: binary.offsets.reserveCapacity(capacity + 1)
        }
    }

    var count: Int {
        switch type.storage {
        case .boolean: booleans.count
        case .int32: int32s.count
        case .int64: int64s.count
        case .int128: int128s.count
        case .float64: doubles.count
        case .bytes: binary.count
        }
    }

    /// Moves the last `nonNullCount` values so that they sit at the valid rows of the last
    /// `rowCount` slots; `validity` bit `rowOffset + i` tells whether slot `i` holds a value.
    mutating func spreadNulls(nonNullCount: Int, rowCount: Int, validity: ValidityBitmap, rowOffset: Int) {
        guard nonNullCount < rowCount else { return }
        let base = count - nonNullCount
        switch type.storage {
        case .boolean: ColumnValueAccumulator.spread(&booleans, base: base, nonNullCount, rowCount, validity, rowOffset, zero: false)
        case .int32: ColumnValueAccumulator.spread(&int32s, base: base, nonNullCount, rowCount, validity, rowOffset, zero: 0)
        case .int64: ColumnValueAccumulator.spread(&int64s, base: base, nonNullCount, rowCount, validity, rowOffset, zero: 0)
        case .int128: ColumnValueAccumulator.spread(&int128s, base: base, nonNullCount, rowCount, validity, rowOffset, zero: 0)
        case .float64: ColumnValueAccumulator.spread(&doubles, base: base, nonNullCount, rowCount, validity, rowOffset, zero: 0)
        case .bytes:
            // Offsets entry `base + 1 + i` ends value `base + i`; null rows repeat the previous end.
            ColumnValueAccumulator.spread(&binary.offsets, base: base + 1, nonNullCount, rowCount, validity, rowOffset, zero: -1)
            binary.offsets.withUnsafeMutableBufferPointer { offsets in
                for index in (base + 1)..<(base + 1 + rowCount) where offsets[index] < 0 {
                    offsets[index] = offsets[index - 1]
                }
            }
        }
    }

    private static func spread<T>(_ array: inout [T], base: Int, _ nonNullCount: Int, _ rowCount: Int,
                                  _ validity: ValidityBitmap, _ rowOffset: Int, zero: T) {
        array.append(contentsOf: repeatElement(zero, count: rowCount - nonNullCount))
        array.withUnsafeMutableBufferPointer { buffer in
            var source = base + nonNullCount - 1
            var row = rowCount - 1
            while row >= 0, source < base + row {
                if validity.isValid(rowOffset + row) {
                    buffer[base + row] = buffer[source]
                    source -= 1
                } else {
                    buffer[base + row] = zero
                }
                row -= 1
            }
        }
    }

    func finish(validity: ValidityBitmap?) -> Column {
        let values: ColumnValues = switch type.storage {
        case .boolean: .boolean(booleans)
        case .int32: .int32(int32s)
        case .int64: .int64(int64s)
        case .int128: .int128(int128s)
        case .float64: .float64(doubles)
        case .bytes: .bytes(binary)
        }
        return Column(type: type, values: values, validity: validity)
    }
}
