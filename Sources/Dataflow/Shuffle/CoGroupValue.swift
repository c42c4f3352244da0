import SluiceCore

/// A value from one side of a cogroup, tagged with its side for the shared shuffle.
public enum CoGroupValue<Left: ShuffleCodable, Right: ShuffleCodable>: ShuffleCodable {
    case left(Left)
    case right(Right)

    @inlinable
    public func encode(into writer: inout RecordWriter) {
        switch self {
        case .left(let value):
            writer.writeByte(0)
            value.encode(into: &writer)
        case .right(let value):
            writer.writeByte(1)
            value.encode(into: &writer)
        }
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> CoGroupValue {
        let offset = reader.byteOffset
        switch try reader.readByte() {
        case 0: return .left(try Left.decode(from: &reader))
        case 1: return .right(try Right.decode(from: &reader))
        case let tag: throw SluiceError.data("cogroup side tag \(tag) is neither 0 nor 1", at: SourceLocation(byteOffset: offset))
        }
    }
}

/// The values of one key from both sides of a cogroup.
public struct CoGroupBuckets<Left: ShuffleCodable, Right: ShuffleCodable>: ShuffleCodable {
    public var left: [Left] = []
    public var right: [Right] = []

    @inlinable
    public init() {}

    @inlinable
    public mutating func add(_ value: CoGroupValue<Left, Right>) {
        switch value {
        case .left(let value): left.append(value)
        case .right(let value): right.append(value)
        }
    }

    @inlinable
    public mutating func merge(_ other: CoGroupBuckets) {
        left.append(contentsOf: other.left)
        right.append(contentsOf: other.right)
    }

    @inlinable
    public func encode(into writer: inout RecordWriter) {
        left.encode(into: &writer)
        right.encode(into: &writer)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> CoGroupBuckets {
        var buckets = CoGroupBuckets()
        buckets.left = try [Left].decode(from: &reader)
        buckets.right = try [Right].decode(from: &reader)
        return buckets
    }
}
