/// The contiguous value buffer of a column, one case per `StorageKind`. Slots of null rows hold
/// a zero value (or an empty byte range), so buffers can be scanned without checking validity.
public enum ColumnValues: Sendable, Equatable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case int128([Int128])
    case float64([Double])
    case bytes(BinaryBuffer)

    public var count: Int {
        switch self {
        case .boolean(let values): values.count
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .int128(let values): values.count
        case .float64(let values): values.count
        case .bytes(let buffer): buffer.count
        }
    }

    public var storage: StorageKind {
        switch self {
        case .boolean: .boolean
        case .int32: .int32
        case .int64: .int64
        case .int128: .int128
        case .float64: .float64
        case .bytes: .bytes
        }
    }

    /// An empty buffer for the given storage.
    public static func empty(_ storage: StorageKind) -> ColumnValues {
        switch storage {
        case .boolean: .boolean([])
        case .int32: .int32([])
        case .int64: .int64([])
        case .int128: .int128([])
        case .float64: .float64([])
        case .bytes: .bytes(BinaryBuffer())
        }
    }
}
