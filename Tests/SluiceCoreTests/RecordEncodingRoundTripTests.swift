import Testing
@testable import SluiceCore

/// Seeded sample values shared by the record encoding tests.
enum RecordEncodingSamples {
    static let letters = Array("abcdefghijklmnopqrstuvwxyz")

    /// A lowercase word of 3 to 12 letters.
    static func word(_ random: inout SeededRandomGenerator) -> String {
        let length = Int.random(in: 3...12, using: &random)
        return String((0..<length).map { _ in letters[Int.random(in: 0..<letters.count, using: &random)] })
    }

    /// Strings from an alphabet with NUL, control, multi-byte and astral characters, short enough
    /// that many are prefixes of others.
    static func awkwardString(_ random: inout SeededRandomGenerator, lengthMax: Int = 5) -> String {
        let alphabet: [Character] = ["\0", "\u{1}", "a", "b", "z", "é", "中", "😀", " ", "~"]
        let length = Int.random(in: 0...lengthMax, using: &random)
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }
}

@Suite struct RecordEncodingRoundTripTests {
    func roundTrip<T: ShuffleCodable & Equatable>(_ value: T, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let bytes = value.encodedBytes()
        let decoded = try T.decode(fromBytes: bytes)
        #expect(decoded == value, sourceLocation: sourceLocation)
    }

    @Test func integersAtTheirLimitsAndRandom() throws {
        var random = SeededRandomGenerator(seed: 1)
        for value in [Int.min, Int.max, 0, -1, 1] { try roundTrip(value) }
        for value in [Int32.min, Int32.max, 0, -1] { try roundTrip(value) }
        for value in [Int64.min, Int64.max] { try roundTrip(value) }
        for value in [Int16.min, Int16.max] { try roundTrip(value) }
        for value in [Int8.min, Int8.max] { try roundTrip(value) }
        for value in [UInt64.max, 0] { try roundTrip(value) }
        try roundTrip(UInt.max)
        try roundTrip(UInt32.max)
        try roundTrip(UInt16.max)
        try roundTrip(UInt8.max)
        for _ in 0..<1000 {
            try roundTrip(Int(bitPattern: UInt(random.next())))
            try roundTrip(Int32(truncatingIfNeeded: random.next()))
            try roundTrip(random.next() as UInt64)
        }
        #expect(Int(1).encodedBytes() == [1, 0, 0, 0, 0, 0, 0, 0])
        #expect(Int32(-2).encodedBytes() == [0xFE, 0xFF, 0xFF, 0xFF])
    }

    @Test func floatingPointKeepsItsBitPatterns() throws {
        var random = SeededRandomGenerator(seed: 2)
        var doubles: [Double] = [0, -0.0, .infinity, -.infinity, .nan, -.nan, .signalingNaN,
                                 Double(bitPattern: 0x7FF0_0000_0000_0001), .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        for _ in 0..<1000 { doubles.append(Double(bitPattern: random.next())) }
        for value in doubles {
            let decoded = try Double.decode(fromBytes: value.encodedBytes())
            #expect(decoded.bitPattern == value.bitPattern)
        }
        for _ in 0..<1000 {
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: random.next()))
            #expect(try Float.decode(fromBytes: value.encodedBytes()).bitPattern == value.bitPattern)
        }
    }

    @Test func boolsAndStrings() throws {
        try roundTrip(true)
        try roundTrip(false)
        var random = SeededRandomGenerator(seed: 3)
        let fixed = ["", "a", "héllo wörld", "中文字符", "😀👍🏽", "nul\0inside", String(repeating: "x", count: 127),
                     String(repeating: "y", count: 128), String(repeating: "é", count: 100), String(repeating: "z", count: 20_000)]
        for text in fixed { try roundTrip(text) }
        for _ in 0..<500 {
            try roundTrip(RecordEncodingSamples.awkwardString(&random, lengthMax: 300))
            try roundTrip(RecordEncodingSamples.word(&random))
        }
        // The length is a varint: 127 bytes take one length byte, 128 take two, 20 000 take three.
        #expect(String(repeating: "x", count: 127).encodedBytes().count == 128)
        #expect(String(repeating: "y", count: 128).encodedBytes().count == 130)
        #expect(String(repeating: "z", count: 20_000).encodedBytes().count == 20_003)
    }

    @Test func substringEncodesLikeString() throws {
        let text = "say héllo to everyone"
        let slice = text.dropFirst(4).prefix(5)
        #expect(slice.encodedBytes() == String(slice).encodedBytes())
        #expect(try Substring.decode(fromBytes: String(slice).encodedBytes()) == slice)
        #expect(try String.decode(fromBytes: slice.encodedBytes()) == "héllo")
    }

    @Test func varintsUseLEB128() throws {
        var writer = RecordWriter(capacityBytes: 1)
        for value: UInt64 in [0, 127, 128, 300, 16_383, 16_384, UInt64.max] { writer.writeVarUInt(value) }
        let bytes = writer.finish()
        #expect(Array(bytes[0..<6]) == [0x00, 0x7F, 0x80, 0x01, 0xAC, 0x02])
        #expect(bytes.count == 1 + 1 + 2 + 2 + 2 + 3 + 10)
        try bytes.withUnsafeBytes { raw throws in
            var reader = RecordReader(raw)
            for expected: UInt64 in [0, 127, 128, 300, 16_383, 16_384, UInt64.max] {
                let value = try reader.readVarUInt()
                #expect(value == expected)
            }
            #expect(reader.isAtEnd)
        }
    }

    @Test func containersAndNestedGenerics() throws {
        var random = SeededRandomGenerator(seed: 4)
        try roundTrip([UInt8]())
        try roundTrip((0..<300).map { UInt8(truncatingIfNeeded: $0) })
        try roundTrip([Int]())
        try roundTrip([Int.min, 0, Int.max])
        try roundTrip(["", "a", "😀"])
        try roundTrip(Int?.none)
        try roundTrip(Int?.some(-5))
        try roundTrip(String??.some(.none))
        try roundTrip(String??.some("x"))
        for _ in 0..<200 {
            let key = RecordEncodingSamples.awkwardString(&random)
            let counts = (0..<Int.random(in: 0...40, using: &random)).map { _ in Int(bitPattern: UInt(random.next())) }
            try roundTrip(KeyValue(key, counts))
            let optionalPair: KeyValue<Int, String>? = random.chance(1, in: 3) ? nil : KeyValue(Int(random.next() >> 1), key)
            try roundTrip(optionalPair)
            try roundTrip([KeyValue<Int?, Bool>(random.chance(1, in: 2) ? nil : 7, true), KeyValue(nil, false)])
            try roundTrip(KeyValue(key, KeyValue(Int32(truncatingIfNeeded: random.next()), [UInt8](key.utf8))))
        }
    }

    @Test func truncatedInputThrowsWithTheByteOffset() throws {
        // "hello" is a length byte plus 5 bytes; the Int after it starts at byte 6.
        let bytes = KeyValue("hello", 42).encodedBytes()
        #expect(bytes.count == 14)
        #expect(throws: SluiceError.data("truncated record at byte 6", at: SourceLocation(byteOffset: 6))) {
            try KeyValue<String, Int>.decode(fromBytes: Array(bytes[0..<10]))
        }
        #expect(throws: SluiceError.data("truncated record at byte 1", at: SourceLocation(byteOffset: 1))) {
            try KeyValue<String, Int>.decode(fromBytes: Array(bytes[0..<3]))
        }
        #expect(throws: SluiceError.data("truncated record at byte 0", at: SourceLocation(byteOffset: 0))) {
            try KeyValue<String, Int>.decode(fromBytes: [])
        }
        // Every proper prefix of every sample fails as truncated, never crashes or succeeds.
        var random = SeededRandomGenerator(seed: 5)
        for _ in 0..<50 {
            let record = KeyValue(RecordEncodingSamples.awkwardString(&random, lengthMax: 200),
                                  [Double?.none, 1.5, -Double.infinity])
            let encoded = record.encodedBytes()
            for length in 0..<encoded.count {
                do throws(SluiceError) {
                    _ = try KeyValue<String, [Double?]>.decode(fromBytes: Array(encoded[0..<length]))
                    Issue.record("a prefix of \(length) bytes decoded")
                } catch {
                    #expect(error.fault == .data)
                    #expect(error.message.hasPrefix("truncated record at byte "))
                }
            }
        }
    }

    @Test func invalidBytesAreRejected() throws {
        #expect(throws: SluiceError.data("invalid Bool byte at byte 0", at: SourceLocation(byteOffset: 0))) {
            try Bool.decode(fromBytes: [2])
        }
        #expect(throws: SluiceError.data("invalid Optional tag at byte 0", at: SourceLocation(byteOffset: 0))) {
            try Int?.decode(fromBytes: [9])
        }
        let overlongVarint = [UInt8](repeating: 0xFF, count: 10) + [0x01]
        #expect(throws: SluiceError.data("invalid varint at byte 0", at: SourceLocation(byteOffset: 0))) {
            try String.decode(fromBytes: overlongVarint)
        }
        #expect(throws: SluiceError.data("1 bytes left after the record at byte 1", at: SourceLocation(byteOffset: 1))) {
            try Bool.decode(fromBytes: [1, 0])
        }
        // Ill-formed UTF-8 is repaired, not rejected; frames carry a checksum against corruption.
        #expect(try String.decode(fromBytes: [2, 0xFF, 0x61]) == "\u{FFFD}a")
        // An element count larger than the bytes left is not trusted with an allocation.
        #expect(throws: SluiceError.data("truncated record at byte 0", at: SourceLocation(byteOffset: 0))) {
            try [Int].decode(fromBytes: [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        }
    }

    @Test func writerGrowsAndCanBeReused() throws {
        var writer = RecordWriter(capacityBytes: 1)
        for index in 0..<10_000 { writer.write(index) }
        #expect(writer.byteCount == 80_000)
        writer.removeAll()
        writer.write("again")
        #expect(writer.finish() == "again".encodedBytes())
    }
}
