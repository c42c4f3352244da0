import SluiceCore
import Testing
@testable import Parquet

/// Runs `body` with a reader over `bytes`.
func withReader<Result>(_ bytes: [UInt8], _ body: (inout CompactReader) throws -> Result) throws -> Result {
    try bytes.withUnsafeBytes { buffer in
        var reader = CompactReader(buffer)
        return try body(&reader)
    }
}

/// Whether `body` throws a data error whose message starts with `prefix`.
func throwsDataError(prefix: String = "corrupt", _ body: () throws -> Void) -> Bool {
    do {
        try body()
        return false
    } catch let error as SluiceError {
        return error.fault == .data && error.message.hasPrefix(prefix)
    } catch {
        return false
    }
}

@Suite struct ThriftTests {
    @Test func varintMatchesTheSpecificationExample() throws {
        var writer = CompactWriter()
        writer.writeVarint(50399)
        #expect(writer.bytes == [0xDF, 0x89, 0x03])
        #expect(try withReader(writer.bytes) { try $0.readVarint() } == 50399)
    }

    @Test func zigzagMapsSmallMagnitudesToSmallCodes() throws {
        let table: [(Int32, UInt64)] = [(0, 0), (-1, 1), (1, 2), (-2, 3), (2, 4), (Int32.max, 0xFFFF_FFFE), (Int32.min, 0xFFFF_FFFF)]
        for (value, code) in table {
            var writer = CompactWriter()
            writer.writeI32(value)
            var expected = CompactWriter()
            expected.writeVarint(code)
            #expect(writer.bytes == expected.bytes, "i32 \(value)")
            #expect(try withReader(writer.bytes) { try $0.readI32() } == value)
        }
        for value: Int64 in [0, -1, 1, -2, 2, Int64.max, Int64.min, 1 << 40] {
            var writer = CompactWriter()
            writer.writeI64(value)
            #expect(writer.bytes.count <= 10)
            #expect(try withReader(writer.bytes) { try $0.readI64() } == value)
        }
        for value: Int16 in [0, -1, 1, Int16.max, Int16.min] {
            var writer = CompactWriter()
            writer.writeI16(value)
            #expect(try withReader(writer.bytes) { try $0.readI16() } == value)
        }
    }

    @Test func doubleIsLittleEndian() throws {
        var writer = CompactWriter()
        writer.writeDouble(1.0)
        #expect(writer.bytes == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        #expect(try withReader(writer.bytes) { try $0.readDouble() } == 1.0)
    }

    @Test func fieldHeadersUseShortFormForSmallAscendingDeltas() throws {
        var writer = CompactWriter()
        writer.beginStruct()
        writer.writeField(1, i32: 1)  // delta 1: 0x15, zigzag(1) = 2
        writer.writeField(16, bool: true)  // delta 15: still short
        writer.writeField(33, i64: 0)  // delta 17: long form, zigzag(33) = 66
        writer.writeField(2, i8: 7)  // negative delta: long form
        writer.endStruct()
        #expect(writer.bytes == [0x15, 0x02, 0xF1, 0x06, 0x42, 0x00, 0x03, 0x04, 0x07, 0x00])

        let fields = try withReader(writer.bytes) { reader in
            var previousFieldID: Int16 = 0
            var fields: [CompactReader.FieldHeader] = []
            while let field = try reader.readFieldHeader(previousFieldID: &previousFieldID) {
                fields.append(field)
                try reader.skip(field.type)
            }
            #expect(reader.remainingByteCount == 0)
            return fields
        }
        #expect(fields.map(\.id) == [1, 16, 33, 2])
        #expect(fields.map(\.type) == [.i32, .boolTrue, .i64, .i8])
    }

    @Test func nestedStructsRestoreTheOuterFieldID() {
        var writer = CompactWriter()
        writer.beginStruct()
        writer.writeFieldHeader(id: 3, type: .struct)
        writer.beginStruct()
        writer.writeField(1, i32: 0)
        writer.endStruct()
        writer.writeField(4, i32: 0)  // delta 1 from the outer field 3, not from the inner 1
        writer.endStruct()
        #expect(writer.bytes == [0x3C, 0x15, 0x00, 0x00, 0x15, 0x00, 0x00])
    }

    @Test func listHeadersSwitchToLongFormAtFifteenElements() throws {
        var short = CompactWriter()
        short.writeListHeader(elementType: .i32, count: 14)
        #expect(short.bytes == [0xE5])
        var long = CompactWriter()
        long.writeListHeader(elementType: .binary, count: 300)
        #expect(long.bytes == [0xF8, 0xAC, 0x02])
        var values = CompactWriter()
        values.writeListHeader(elementType: .i64, count: 20)
        for value in 0..<20 { values.writeI64(Int64(value) - 10) }
        let decoded = try withReader(values.bytes) { try $0.readList(of: .i64) { try $0.readI64() } }
        #expect(decoded == (0..<20).map { Int64($0) - 10 })
    }

    @Test func boolListsAcceptBothElementTypeIDs() throws {
        for elementType: UInt8 in [1, 2] {
            let bytes: [UInt8] = [0x30 | elementType, 1, 0, 1]
            let values = try withReader(bytes) { try $0.readList(of: .boolTrue) { try $0.readBoolElement() } }
            #expect(values == [true, false, true])
        }
    }

    @Test func stringsAndBinaryRoundTrip() throws {
        var writer = CompactWriter()
        writer.writeString("héllo")
        writer.writeBinary([0, 255, 7])
        writer.writeBinary([])
        let (string, binary, empty, offset) = try withReader(writer.bytes) { reader in
            (try reader.readString(), try reader.readBinary(), try reader.readBinary(), reader.offset)
        }
        #expect(string == "héllo")
        #expect(binary == [0, 255, 7])
        #expect(empty == [])
        #expect(offset == writer.bytes.count)
    }

    @Test func skipPassesOverEveryType() throws {
        var writer = CompactWriter()
        writer.beginStruct()
        writer.writeField(1, bool: false)
        writer.writeField(2, i8: -3)
        writer.writeField(3, i16: -300)
        writer.writeField(4, i32: 70_000)
        writer.writeField(5, i64: -1 << 50)
        writer.writeField(6, double: 2.5)
        writer.writeField(7, binary: [1, 2, 3])
        writer.writeListField(8, of: .boolTrue, [true, false]) { $0.writeBoolElement($1) }
        writer.writeFieldHeader(id: 9, type: .set)
        writer.writeListHeader(elementType: .double, count: 2)
        writer.writeDouble(1)
        writer.writeDouble(2)
        writer.writeFieldHeader(id: 10, type: .map)
        writer.writeVarint(2)
        writer.bytes.append(0x58)  // i32 keys, binary values
        for key: Int32 in [1, 2] {
            writer.writeI32(key)
            writer.writeString("v")
        }
        writer.writeFieldHeader(id: 11, type: .map)
        writer.writeVarint(0)
        writer.writeFieldHeader(id: 12, type: .uuid)
        writer.bytes.append(contentsOf: [UInt8](repeating: 0xAB, count: 16))
        writer.writeFieldHeader(id: 13, type: .struct)
        writer.beginStruct()
        writer.writeListField(1, of: .struct, [Int32(1), 2]) { list, value in
            list.beginStruct()
            list.writeField(1, i32: value)
            list.endStruct()
        }
        writer.endStruct()
        writer.endStruct()
        writer.bytes.append(0x99)  // a byte after the struct, which skip must not consume

        let consumed = try withReader(writer.bytes) { reader in
            try reader.skip(.struct)
            return reader.offset
        }
        #expect(consumed == writer.bytes.count - 1)
    }

    @Test func skipRefusesNestingDeeperThanTheLimit() throws {
        let depthOK = CompactReader.skipDepthMax - 1
        let shallow = [UInt8](repeating: 0x1C, count: depthOK - 1) + [UInt8](repeating: 0, count: depthOK)
        _ = try withReader(shallow) { try $0.skip(.struct) }

        let deep = [UInt8](repeating: 0x1C, count: 100_000) + [UInt8](repeating: 0, count: 100_000)
        #expect(throwsDataError { _ = try withReader(deep) { try $0.skip(.struct) } })
        let deepLists = [UInt8](repeating: 0x19, count: 100_000)
        #expect(throwsDataError { _ = try withReader(deepLists) { try $0.skip(.list) } })
    }

    @Test func hostileCountsThrowBeforeAllocating() {
        // A list claiming 2^31 elements in a handful of bytes.
        let hugeList: [UInt8] = [0xFC, 0x80, 0x80, 0x80, 0x80, 0x08, 0x00, 0x00]
        #expect(throwsDataError { _ = try withReader(hugeList) { try $0.readList(of: .struct) { try $0.readI32() } } })
        #expect(throwsDataError { _ = try withReader(hugeList) { try $0.skip(.list) } })
        // A binary claiming 4 GiB.
        let hugeBinary: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x41]
        #expect(throwsDataError { _ = try withReader(hugeBinary) { try $0.readBinary() } })
        // A map claiming UInt32.max pairs.
        let hugeMap: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x55, 0x00]
        #expect(throwsDataError { _ = try withReader(hugeMap) { try $0.skip(.map) } })
        // Doubles need 8 bytes each.
        let doubles: [UInt8] = [0x27] + [UInt8](repeating: 0, count: 9)
        #expect(throwsDataError { _ = try withReader(doubles) { try $0.skip(.list) } })
    }

    @Test func malformedScalarsThrow() {
        #expect(throwsDataError { _ = try withReader([]) { try $0.readByte() } })
        #expect(throwsDataError { _ = try withReader([0x80, 0x80]) { try $0.readVarint() } })
        // Eleven continuation bytes, and a tenth byte carrying more than the 64th bit.
        #expect(throwsDataError { _ = try withReader([UInt8](repeating: 0xFF, count: 11)) { try $0.readVarint() } })
        #expect(throwsDataError { _ = try withReader([UInt8](repeating: 0xFF, count: 9) + [0x02]) { try $0.readVarint() } })
        #expect(throwsDataError { _ = try withReader([0x80, 0x80, 0x80, 0x80, 0x10]) { try $0.readI32() } })
        #expect(throwsDataError { _ = try withReader([0x80, 0x80, 0x04]) { try $0.readI16() } })
        #expect(throwsDataError { _ = try withReader([0, 0, 0]) { try $0.readDouble() } })
        #expect(throwsDataError { _ = try withReader([0x05, 0x41]) { try $0.readString() } })
    }

    @Test func malformedFieldHeadersThrow() {
        var previousFieldID: Int16 = 0
        // Type ids 14 and 15 do not exist.
        #expect(throwsDataError { _ = try withReader([0x1E]) { try $0.readFieldHeader(previousFieldID: &previousFieldID) } })
        // A delta that would step past field id 32767.
        previousFieldID = .max
        #expect(throwsDataError { _ = try withReader([0x15]) { try $0.readFieldHeader(previousFieldID: &previousFieldID) } })
        // A long-form id outside i16.
        previousFieldID = 0
        #expect(throwsDataError { _ = try withReader([0x05, 0x80, 0x80, 0x04]) { try $0.readFieldHeader(previousFieldID: &previousFieldID) } })
        // A list of stop-typed elements.
        #expect(throwsDataError { _ = try withReader([0x20, 0, 0]) { try $0.skip(.list) } })
    }
}
