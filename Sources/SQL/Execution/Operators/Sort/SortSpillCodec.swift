import SluiceCore

/// The byte layout of one block of a sort's spill file: a 24-byte header (magic "SRUN",
/// row count, body size, CRC32C of the body, all little-endian) and a body holding each column
/// in turn: a validity flag byte, the validity words when set, then the values (fixed-width
/// values raw; strings as `rowCount + 1` offsets from 0 and then their bytes).
///
/// Spill files live only as long as one query on one machine, so the layout is native
/// little-endian memory with no versioning; the checksum catches a damaged disk.
enum SortSpillCodec {
    static let magic: UInt32 = 0x4E55_5253
    static let headerSizeBytes = 24

    /// Rows `rows` of `columns`, encoded as one block (header included).
    static func encode(_ columns: [Column], rows: Range<Int>) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(columns.reduce(0) { $0 + $1.sizeBytes * rows.count / max(1, $1.count) } + 64)
        for column in columns { encode(column, rows: rows, into: &body) }
        var block: [UInt8] = []
        block.reserveCapacity(headerSizeBytes + body.count)
        appendRaw(magic, to: &block)
        appendRaw(UInt32(rows.count), to: &block)
        appendRaw(UInt64(body.count), to: &block)
        appendRaw(CRC32C.checksum(body), to: &block)
        appendRaw(UInt32(0), to: &block)
        block.append(contentsOf: body)
        return block
    }

    /// The row count and body size a header announces.
    /// - Throws: `SluiceError` (io) when the header is not one this codec wrote.
    static func decodeHeader(_ header: UnsafeRawBufferPointer, file: String) throws -> (rowCount: Int, bodySizeBytes: Int, checksum: UInt32) {
        guard header.count >= headerSizeBytes, header.loadUnaligned(as: UInt32.self) == magic else {
            throw SluiceError.io("spill file \(file) is damaged (bad block header)")
        }
        return (Int(header.loadUnaligned(fromByteOffset: 4, as: UInt32.self)),
                Int(header.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                header.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    }

    /// The columns of a block body.
    /// - Throws: `SluiceError` (io) when the body is damaged.
    static func decodeBody(_ body: UnsafeRawBufferPointer, rowCount: Int, checksum: UInt32, types: [DataType], file: String) throws -> [Column] {
        guard CRC32C.checksum(body) == checksum else {
            throw SluiceError.io("spill file \(file) is damaged (checksum mismatch)")
        }
        var reader = SpillBodyReader(bytes: body, file: file)
        return try types.map { type in try reader.column(type, rowCount: rowCount) }
    }

    private static func encode(_ column: Column, rows: Range<Int>, into body: inout [UInt8]) {
        if let validity = column.validity {
            body.append(1)
            var words = [UInt64](repeating: 0, count: (rows.count + 63) >> 6)
            for (position, row) in rows.enumerated() where validity.isValid(row) {
                words[position >> 6] |= 1 << UInt64(position & 63)
            }
            words.withUnsafeBytes { body.append(contentsOf: $0) }
        } else {
            body.append(0)
        }
        switch column.values {
        case .boolean(let values): values[rows].withUnsafeBytes { body.append(contentsOf: $0) }
        case .int32(let values): values[rows].withUnsafeBytes { body.append(contentsOf: $0) }
        case .int64(let values): values[rows].withUnsafeBytes { body.append(contentsOf: $0) }
        case .int128(let values): values[rows].withUnsafeBytes { body.append(contentsOf: $0) }
        case .float64(let values): values[rows].withUnsafeBytes { body.append(contentsOf: $0) }
        case .bytes(let buffer):
            let base = buffer.offsets[rows.lowerBound]
            let offsets = buffer.offsets[rows.lowerBound...rows.upperBound].map { $0 - base }
            offsets.withUnsafeBytes { body.append(contentsOf: $0) }
            body.append(contentsOf: buffer.bytes[Int(base)..<Int(buffer.offsets[rows.upperBound])])
        }
    }

    private static func appendRaw<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// A cursor over a block body.
private struct SpillBodyReader {
    let bytes: UnsafeRawBufferPointer
    let file: String
    var position = 0

    init(bytes: UnsafeRawBufferPointer, file: String) {
        self.bytes = bytes
        self.file = file
    }

    mutating func column(_ type: DataType, rowCount: Int) throws -> Column {
        let hasValidity = try take(1)[0] != 0
        var validity: ValidityBitmap?
        if hasValidity {
            validity = ValidityBitmap(words: try array(UInt64.self, count: (rowCount + 63) >> 6), count: rowCount)
        }
        let values: ColumnValues
        switch type.storage {
        case .boolean: values = .boolean(try array(Bool.self, count: rowCount))
        case .int32: values = .int32(try array(Int32.self, count: rowCount))
        case .int64: values = .int64(try array(Int64.self, count: rowCount))
        case .int128: values = .int128(try array(Int128.self, count: rowCount))
        case .float64: values = .float64(try array(Double.self, count: rowCount))
        case .bytes:
            let offsets = try array(Int64.self, count: rowCount + 1)
            guard offsets.first == 0, let byteCount = offsets.last, byteCount >= 0 else { throw damaged() }
            let raw = try take(Int(byteCount))
            values = .bytes(BinaryBuffer(offsets: offsets, bytes: Array(raw)))
        }
        return Column(type: type, values: values, validity: validity)
    }

    private mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, position + count <= bytes.count else { throw damaged() }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
    }

    private mutating func array<T>(_: T.Type, count: Int) throws -> [T] {
        let raw = try take(count * MemoryLayout<T>.stride)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw) }
            initialized = count
        }
    }

    private func damaged() -> SluiceError {
        SluiceError.io("spill file \(file) is damaged (block body does not match its columns)")
    }
}
