/// Variable-width values (strings or raw bytes) stored as one contiguous byte buffer plus
/// `count + 1` offsets: value `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
public struct BinaryBuffer: Sendable, Equatable {
    public var offsets: [Int64]
    public var bytes: [UInt8]

    public init() {
        offsets = [0]
        bytes = []
    }

    public init(offsets: [Int64], bytes: [UInt8]) {
        precondition(offsets.first == 0 && offsets.last == Int64(bytes.count), "offsets must span the byte buffer")
        self.offsets = offsets
        self.bytes = bytes
    }

    public init<S: Sequence>(strings: S) where S.Element == String {
        self.init()
        for string in strings { append(string) }
    }

    @inlinable
    public var count: Int { offsets.count - 1 }

    public mutating func reserve(values: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(offsets.count + values)
        bytes.reserveCapacity(bytes.count + byteCount)
    }

    @inlinable
    public mutating func append<C: Collection>(bytes value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
        offsets.append(Int64(bytes.count))
    }

    /// Appends one value from raw memory; the hot path of readers and gathers.
    @inlinable
    public mutating func append(bytes value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        offsets.append(Int64(bytes.count))
    }

    public mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }
        offsets.append(Int64(bytes.count))
    }

    /// Appends a null or empty slot (no bytes).
    @inlinable
    public mutating func appendEmpty() {
        offsets.append(offsets[offsets.count - 1])
    }

    @inlinable
    public func byteRange(_ index: Int) -> Range<Int> {
        Int(offsets[index])..<Int(offsets[index + 1])
    }

    public subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[byteRange(index)]
    }

    public func string(at index: Int) -> String {
        let range = byteRange(index)
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
    }
}
