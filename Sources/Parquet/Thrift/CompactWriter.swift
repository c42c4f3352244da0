/// Appends Thrift Compact Protocol values to a byte array.
///
/// Structs are written between `beginStruct()` and `endStruct()`; field ids must ascend within
/// a struct for the one-byte header form to apply (any order is still valid, just longer).
/// A value type with no shared state, so one writer per thread.
struct CompactWriter {
    /// The encoded bytes so far.
    var bytes: [UInt8]

    /// The id of the last field written in the innermost open struct; field headers are deltas
    /// from it.
    private var previousFieldID: Int16 = 0
    /// `previousFieldID` of each enclosing open struct, restored by `endStruct()`.
    private var enclosingFieldIDs: [Int16] = []

    /// An empty writer; `byteCapacity` is a hint to avoid regrowing.
    init(byteCapacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(byteCapacity)
    }

    // MARK: - Structs and fields

    /// Opens a struct: its field ids count from 0 again.
    mutating func beginStruct() {
        enclosingFieldIDs.append(previousFieldID)
        previousFieldID = 0
    }

    /// Closes the innermost struct with its stop byte.
    mutating func endStruct() {
        bytes.append(CompactType.stop.rawValue)
        previousFieldID = enclosingFieldIDs.popLast() ?? 0
    }

    /// Writes a field header: one byte when the id is 1...15 above the previous field's,
    /// otherwise the type byte followed by the id as a zigzag varint.
    mutating func writeFieldHeader(id: Int16, type: CompactType) {
        let delta = Int32(id) - Int32(previousFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeI16(id)
        }
        previousFieldID = id
    }

    /// Writes a bool struct field, whose value is the header's type id.
    mutating func writeField(_ id: Int16, bool value: Bool) {
        writeFieldHeader(id: id, type: value ? .boolTrue : .boolFalse)
    }

    mutating func writeField(_ id: Int16, i8 value: Int8) {
        writeFieldHeader(id: id, type: .i8)
        writeI8(value)
    }

    mutating func writeField(_ id: Int16, i16 value: Int16) {
        writeFieldHeader(id: id, type: .i16)
        writeI16(value)
    }

    mutating func writeField(_ id: Int16, i32 value: Int32) {
        writeFieldHeader(id: id, type: .i32)
        writeI32(value)
    }

    mutating func writeField(_ id: Int16, i64 value: Int64) {
        writeFieldHeader(id: id, type: .i64)
        writeI64(value)
    }

    mutating func writeField(_ id: Int16, double value: Double) {
        writeFieldHeader(id: id, type: .double)
        writeDouble(value)
    }

    mutating func writeField(_ id: Int16, binary value: [UInt8]) {
        writeFieldHeader(id: id, type: .binary)
        writeBinary(value)
    }

    mutating func writeField(_ id: Int16, string value: String) {
        writeFieldHeader(id: id, type: .binary)
        writeString(value)
    }

    /// Writes a struct field holding an empty struct (the members of many Thrift unions).
    mutating func writeEmptyStructField(_ id: Int16) {
        writeFieldHeader(id: id, type: .struct)
        bytes.append(CompactType.stop.rawValue)
    }

    // MARK: - Values

    /// Writes an unsigned LEB128 varint.
    mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func writeI8(_ value: Int8) {
        bytes.append(UInt8(bitPattern: value))
    }

    mutating func writeI16(_ value: Int16) {
        writeI32(Int32(value))
    }

    /// Writes a zigzag varint i32 (also the wire form of Thrift enums).
    mutating func writeI32(_ value: Int32) {
        writeVarint(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }

    /// Writes a zigzag varint i64.
    mutating func writeI64(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Writes an 8-byte little-endian IEEE-754 double.
    mutating func writeDouble(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes a bool list element: one byte, 1 for true, 0 for false.
    mutating func writeBoolElement(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes a list header; the `count` elements follow back to back. Bool lists use type id 1,
    /// as the Apache Thrift writers do.
    mutating func writeListHeader(elementType: CompactType, count: Int) {
        precondition(count >= 0, "list count must not be negative")
        let wireType = elementType.isBool ? CompactType.boolTrue : elementType
        if count < 15 {
            bytes.append(UInt8(count) << 4 | wireType.rawValue)
        } else {
            bytes.append(0xF0 | wireType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// Writes a list field: header, then each element with `writeElement`.
    mutating func writeListField<Element>(
        _ id: Int16,
        of elementType: CompactType,
        _ elements: [Element],
        _ writeElement: (inout CompactWriter, Element) -> Void
    ) {
        writeFieldHeader(id: id, type: .list)
        writeListHeader(elementType: elementType, count: elements.count)
        for element in elements {
            writeElement(&self, element)
        }
    }
}
