/// Accumulates values of one type into a `Column`. Null rows get a zero slot in the value
/// buffer and a clear bit in the validity bitmap, which is only materialized once a null arrives.
public struct ColumnBuilder: Sendable {
    public let type: DataType
    private var booleans: [Bool] = []
    private var int32s: [Int32] = []
    private var int64s: [Int64] = []
    private var int128s: [Int128] = []
    private var float64s: [Double] = []
    private var binary = BinaryBuffer()
    private var validity: ValidityBitmap?
    public private(set) var count = 0

    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        switch type.storage {
        case .boolean: booleans.reserveCapacity(capacity)
        case .int32: int32s.reserveCapacity(capacity)
        case .int64: int64s.reserveCapacity(capacity)
        case .int128: int128s.reserveCapacity(capacity)
        case .float64: float64s.reserveCapacity(capacity)
        case .bytes: binary.offsets.reserveCapacity(capacity + 1)
        }
    }

    public mutating func appendNull() {
        if validity == nil { validity = ValidityBitmap(count: count, allValid: true) }
        validity!.append(false)
        switch type.storage {
        case .boolean: booleans.append(false)
        case .int32: int32s.append(0)
        case .int64: int64s.append(0)
        case .int128: int128s.append(0)
        case .float64: float64s.append(0)
        case .bytes: binary.appendEmpty()
        }
        count += 1
    }

    @inline(__always)
    private mutating func markValid() {
        if validity != nil { validity!.append(true) }
        count += 1
    }

    public mutating func append(_ value: Bool) {
        booleans.append(value)
        markValid()
    }

    public mutating func append(_ value: Int32) {
        int32s.append(value)
        markValid()
    }

    public mutating func append(_ value: Int64) {
        if type.storage == .int128 {
            int128s.append(Int128(value))
        } else {
            int64s.append(value)
        }
        markValid()
    }

    public mutating func append(_ value: Int128) {
        if type.storage == .int64 {
            int64s.append(Int64(truncatingIfNeeded: value))
        } else {
            int128s.append(value)
        }
        markValid()
    }

    public mutating func append(_ value: Double) {
        float64s.append(value)
        markValid()
    }

    public mutating func append(_ value: String) {
        binary.append(value)
        markValid()
    }

    public mutating func append<C: Collection>(bytes value: C) where C.Element == UInt8 {
        binary.append(bytes: value)
        markValid()
    }

    /// Appends a boxed value, converting integers to wider integer types, integers to doubles,
    /// and rescaling decimals where no digit is lost.
    /// - Throws: `SluiceError` (user input) when the value does not fit the column's type.
    public mutating func append(_ value: Value) throws {
        switch (type, value) {
        case (_, .null): appendNull()
        case (.boolean, .boolean(let v)): append(v)
        case (.int32, .int32(let v)), (.date, .date(let v)): append(v)
        case (.int64, .int64(let v)), (.timestamp, .timestamp(let v)): append(v)
        case (.int64, .int32(let v)): append(Int64(v))
        case (.float64, .float64(let v)): append(v)
        case (.float64, .int32(let v)): append(Double(v))
        case (.float64, .int64(let v)): append(Double(v))
        case (.string, .string(let v)): append(v)
        case (.binary, .binary(let v)): append(bytes: v)
        case (.binary, .string(let v)): append(bytes: Array(v.utf8))
        case (.timestamp, .date(let days)): append(Int64(days) * CivilTime.microsPerDay)
        case (.decimal(let precision, let scale), _):
            guard let unscaled = Decimal128.unscaled(value, scale: scale, precision: precision) else {
                throw SluiceError.userInput("value \(value) does not fit \(type)")
            }
            append(unscaled)
        default:
            throw SluiceError.userInput("value \(value) does not fit a \(type) column")
        }
    }

    public mutating func finish() -> Column {
        let values: ColumnValues = switch type.storage {
        case .boolean: .boolean(booleans)
        case .int32: .int32(int32s)
        case .int64: .int64(int64s)
        case .int128: .int128(int128s)
        case .float64: .float64(float64s)
        case .bytes: .bytes(binary)
        }
        let column = Column(type: type, values: values, validity: validity)
        self = ColumnBuilder(type: type)
        return column
    }
}
