import SluiceCore

/// Reads Thrift Compact Protocol values from a byte buffer.
///
/// Parquet footers and page headers come from files Sluice did not write, so every read is
/// bounds-checked and every count is checked against the bytes left before anything is
/// allocated: truncated or hostile input throws `SluiceError.data`, it never traps, never loops
/// without consuming bytes and never allocates more than the input could describe.
///
/// Ownership: the reader does not retain the memory; the caller keeps `bytes` alive and
/// unchanged while reading. A value type with no shared state, so one reader per thread.
struct CompactReader {
    /// Nesting the skipper follows before it gives up, so hostile input cannot exhaust the stack.
    static let skipDepthMax = 64

    private let bytes: UnsafeRawBufferPointer
    /// Bytes consumed so far.
    private(set) var offset: Int

    /// A reader positioned at the first byte of `bytes`; the caller keeps the memory alive.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.offset = 0
    }

    /// Bytes not yet consumed.
    var remainingByteCount: Int { bytes.count - offset }

    // MARK: - Errors

    /// The error for malformed input, naming what was being read and where.
    func corrupt(_ what: String) -> SluiceError {
        .data("corrupt Thrift metadata: \(what) at byte \(offset) of \(bytes.count)")
    }

    private func requireBytes(_ count: Int, for what: @autoclosure () -> String) throws(SluiceError) {
        guard count <= remainingByteCount else {
            throw corrupt("truncated \(what()) (needs \(count) bytes, \(remainingByteCount) left)")
        }
    }

    // MARK: - Field headers

    /// One field header: the field id and its wire type.
    struct FieldHeader: Equatable {
        var id: Int16
        var type: CompactType

        /// The value of a bool field, which the compact protocol carries in the type id.
        var boolValue: Bool { type == .boolTrue }
    }

    /// Reads the next field header of the current struct, or `nil` at its stop byte.
    ///
    /// - Parameter previousFieldID: the id of the previous field in the same struct (0 before
    ///   the first); short headers are deltas from it, and it is updated to the field just read.
    ///   Each struct keeps its own, which is what makes the delta per struct.
    /// - Throws: `SluiceError.data` on truncation, an unknown type id or a field id out of range.
    @inline(__always)
    mutating func readFieldHeader(previousFieldID: inout Int16) throws(SluiceError) -> FieldHeader? {
        let byte = try readByte(for: "field header")
        if byte == 0 { return nil }
        guard let type = CompactType(rawValue: byte & 0x0F), type != .stop else {
            throw corrupt("unknown field type id \(byte & 0x0F)")
        }
        let delta = byte >> 4
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            // Computed wide: a delta past id 32767 is corrupt input, not an overflow trap.
            let wideID = Int32(previousFieldID) + Int32(delta)
            guard wideID <= Int32(Int16.max) else { throw corrupt("field id \(wideID) out of range") }
            id = Int16(wideID)
        }
        previousFieldID = id
        return FieldHeader(id: id, type: type)
    }

    // MARK: - Scalars

    /// Reads one raw byte.
    @inline(__always)
    mutating func readByte(for what: @autoclosure () -> String = "byte") throws(SluiceError) -> UInt8 {
        guard offset < bytes.count else { throw corrupt("truncated \(what())") }
        let byte = bytes.load(fromByteOffset: offset, as: UInt8.self)
        offset += 1
        return byte
    }

    /// Reads an unsigned LEB128 varint of at most 10 bytes that fits in 64 bits.
    @inline(__always)
    mutating func readVarint() throws(SluiceError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte(for: "varint")
            if shift == 63 && byte > 1 { throw corrupt("varint longer than 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// Reads a varint that must fit in 32 bits (i32 values, lengths, counts).
    @inline(__always)
    mutating func readVarint32() throws(SluiceError) -> UInt32 {
        let value = try readVarint()
        guard value <= UInt64(UInt32.max) else { throw corrupt("varint \(value) exceeds 32 bits") }
        return UInt32(truncatingIfNeeded: value)
    }

    /// Reads a raw byte as a signed i8.
    mutating func readI8() throws(SluiceError) -> Int8 {
        Int8(bitPattern: try readByte(for: "i8"))
    }

    /// Reads a zigzag varint i16.
    mutating func readI16() throws(SluiceError) -> Int16 {
        let value = try readI32()
        guard let narrow = Int16(exactly: value) else { throw corrupt("i16 value \(value) out of range") }
        return narrow
    }

    /// Reads a zigzag varint i32 (also the wire form of Thrift enums).
    @inline(__always)
    mutating func readI32() throws(SluiceError) -> Int32 {
        let zigzag = try readVarint32()
        return Int32(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    }

    /// Reads a zigzag varint i64.
    @inline(__always)
    mutating func readI64() throws(SluiceError) -> Int64 {
        let zigzag = try readVarint()
        return Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    }

    /// Reads an 8-byte little-endian IEEE-754 double.
    mutating func readDouble() throws(SluiceError) -> Double {
        try requireBytes(8, for: "double")
        let bits = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// Reads a bool list element: one byte, 1 for true; 0 and 2 both read as false, since
    /// writers disagree on the false value.
    mutating func readBoolElement() throws(SluiceError) -> Bool {
        try readByte(for: "bool") == 1
    }

    /// Reads the length prefix of a binary or string and checks the bytes are there.
    private mutating func readBinaryLength() throws(SluiceError) -> Int {
        let length = try readVarint32()
        guard UInt64(length) <= UInt64(remainingByteCount) else {
            throw corrupt("binary of \(length) bytes runs past the end")
        }
        return Int(length)
    }

    /// Reads a length-prefixed binary value.
    mutating func readBinary() throws(SluiceError) -> [UInt8] {
        let length = try readBinaryLength()
        let value = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]))
        offset += length
        return value
    }

    /// Reads a length-prefixed UTF-8 string; invalid UTF-8 is repaired with U+FFFD rather than
    /// rejected, so a column with a mangled name still opens.
    mutating func readString() throws(SluiceError) -> String {
        let length = try readBinaryLength()
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
        offset += length
        return value
    }

    // MARK: - Containers

    /// Reads a list or set header: the element type and the element count.
    ///
    /// - Throws: `SluiceError.data` when the count could not fit in the bytes left (every
    ///   element takes at least one byte), so callers may reserve `count` elements safely.
    mutating func readListHeader() throws(SluiceError) -> (elementType: CompactType, count: Int) {
        let byte = try readByte(for: "list header")
        let shortCount = Int(byte >> 4)
        let count = shortCount == 15 ? Int(try readVarint32()) : shortCount
        if count == 0 {
            // Writers put arbitrary element types on empty lists; there is nothing to check.
            return (.stop, 0)
        }
        guard let elementType = CompactType(rawValue: byte & 0x0F), elementType != .stop else {
            throw corrupt("unknown list element type id \(byte & 0x0F)")
        }
        let elementByteCountMin = elementType == .double ? 8 : (elementType == .uuid ? 16 : 1)
        guard count <= remainingByteCount / elementByteCountMin else {
            throw corrupt("list of \(count) elements cannot fit in \(remainingByteCount) bytes")
        }
        return (elementType, count)
    }

    /// Reads a list whose elements must have wire type `elementType` (either bool id matches a
    /// bool list), decoding each with `readElement`.
    mutating func readList<Element>(
        of elementType: CompactType,
        _ readElement: (inout CompactReader) throws -> Element
    ) throws -> [Element] {
        let header = try readListHeader()
        if header.count == 0 { return [] }
        guard header.elementType == elementType || (header.elementType.isBool && elementType.isBool) else {
            throw corrupt("list of type id \(header.elementType.rawValue) where \(elementType.rawValue) was expected")
        }
        var elements: [Element] = []
        elements.reserveCapacity(header.count)
        for _ in 0..<header.count {
            elements.append(try readElement(&self))
        }
        return elements
    }

    /// Reads a map header: key and value types and the pair count (0 for an empty map).
    private mutating func readMapHeader() throws(SluiceError) -> (keyType: CompactType, valueType: CompactType, count: Int) {
        let count = Int(try readVarint32())
        if count == 0 { return (.stop, .stop, 0) }
        let types = try readByte(for: "map header")
        guard let keyType = CompactType(rawValue: types >> 4), keyType != .stop,
              let valueType = CompactType(rawValue: types & 0x0F), valueType != .stop
        else { throw corrupt("unknown map key/value type ids \(types >> 4)/\(types & 0x0F)") }
        guard count <= remainingByteCount / 2 else {
            throw corrupt("map of \(count) pairs cannot fit in \(remainingByteCount) bytes")
        }
        return (keyType, valueType, count)
    }

    // MARK: - Skipping

    /// Skips one value of wire type `type`, recursing into containers and structs, so fields a
    /// newer writer added (or fields Sluice does not model) are passed over.
    ///
    /// For a struct field of type bool there is nothing to skip: its value was in the header.
    /// - Throws: `SluiceError.data` on truncation, unknown type ids or nesting deeper than
    ///   `skipDepthMax`.
    mutating func skip(_ type: CompactType) throws(SluiceError) {
        try skip(type, depth: 0, isContainerElement: false)
    }

    private mutating func skip(_ type: CompactType, depth: Int, isContainerElement: Bool) throws(SluiceError) {
        guard depth < Self.skipDepthMax else { throw corrupt("nesting deeper than \(Self.skipDepthMax)") }
        switch type {
        case .stop:
            throw corrupt("stop type where a value was expected")
        case .boolTrue, .boolFalse:
            if isContainerElement { try skipBytes(1, for: "bool") }
        case .i8:
            try skipBytes(1, for: "i8")
        case .i16, .i32, .i64:
            _ = try readVarint()
        case .double:
            try skipBytes(8, for: "double")
        case .uuid:
            try skipBytes(16, for: "uuid")
        case .binary:
            let length = try readBinaryLength()
            offset += length
        case .list, .set:
            let header = try readListHeader()
            for _ in 0..<header.count {
                try skip(header.elementType, depth: depth + 1, isContainerElement: true)
            }
        case .map:
            let header = try readMapHeader()
            for _ in 0..<header.count {
                try skip(header.keyType, depth: depth + 1, isContainerElement: true)
                try skip(header.valueType, depth: depth + 1, isContainerElement: true)
            }
        case .struct:
            var previousFieldID: Int16 = 0
            while let field = try readFieldHeader(previousFieldID: &previousFieldID) {
                try skip(field.type, depth: depth + 1, isContainerElement: false)
            }
        }
    }

    private mutating func skipBytes(_ count: Int, for what: String) throws(SluiceError) {
        try requireBytes(count, for: what)
        offset += count
    }
}
