import SluiceCore
import Testing
@testable import Parquet

private func randomValue(bitWidth: Int, using generator: inout SeededRandomGenerator) -> UInt64 {
    bitWidth == 0 ? 0 : generator.next() >> UInt64(64 - bitWidth)
}

private func unpack32(_ bytes: [UInt8], bitWidth: Int, count: Int) -> [UInt32] {
    var output = [UInt32](repeating: 0xDEAD_BEEF, count: count)
    bytes.withUnsafeBytes { raw in
        output.withUnsafeMutableBufferPointer { target in
            // A valid pointer even for no bytes.
            withUnsafeTemporaryAllocation(byteCount: max(raw.count, 1), alignment: 1) { exact in
                if raw.count > 0 { exact.baseAddress!.copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
                BitPacking.unpack32(UnsafeRawPointer(exact.baseAddress!), bitWidth: bitWidth, count: count, into: target.baseAddress!)
            }
        }
    }
    return output
}

private func rleDecode(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> [UInt32] {
    var output = [UInt32](repeating: 0, count: count)
    try bytes.withUnsafeBytes { raw in
        var decoder = RLEHybridDecoder(raw, bitWidth: bitWidth)
        try output.withUnsafeMutableBufferPointer { try decoder.decode(count: count, into: $0.baseAddress!) }
    }
    return output
}

private func rleEncode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
    var encoder = RLEHybridEncoder(bitWidth: bitWidth)
    for value in values { encoder.append(value) }
    return encoder.finish()
}

/// Values made of runs of random lengths, so both RLE and bit-packed runs appear.
private func mixedRuns(count: Int, bitWidth: Int, using generator: inout SeededRandomGenerator) -> [UInt32] {
    var values: [UInt32] = []
    while values.count < count {
        let value = UInt32(randomValue(bitWidth: bitWidth, using: &generator))
        let runLength = generator.next() % 3 == 0 ? Int(generator.next() % 40) + 1 : 1
        values.append(contentsOf: repeatElement(value, count: min(runLength, count - values.count)))
    }
    return values
}

@Suite struct EncodingTests {
    // MARK: Bit packing

    @Test func bitPackingMatchesTheSpecExample() {
        var packed: [UInt8] = []
        let values: [UInt32] = [0, 1, 2, 3, 4, 5, 6, 7]
        BitPacking.pack32(values, count: 8, bitWidth: 3, appendingTo: &packed)
        #expect(packed == [0x88, 0xC6, 0xFA])
        #expect(unpack32([0x88, 0xC6, 0xFA], bitWidth: 3, count: 8) == values)
    }

    @Test func pack32RoundTripsEveryWidth() {
        var generator = SeededRandomGenerator(seed: 32)
        for bitWidth in 0...32 {
            for count in [8, 16, 24, 64, 136, 1024] {
                let values = (0..<count).map { _ in UInt32(randomValue(bitWidth: bitWidth, using: &generator)) }
                var packed: [UInt8] = []
                BitPacking.pack32(values, count: count, bitWidth: bitWidth, appendingTo: &packed)
                #expect(packed.count == count * bitWidth / 8)
                #expect(unpack32(packed, bitWidth: bitWidth, count: count) == values, "width \(bitWidth), count \(count)")
            }
        }
    }

    @Test func pack64RoundTripsEveryWidth() {
        var generator = SeededRandomGenerator(seed: 64)
        for bitWidth in 0...64 {
            for count in [8, 24, 136] {
                let values = (0..<count).map { _ in randomValue(bitWidth: bitWidth, using: &generator) }
                var packed: [UInt8] = [0xAB]
                BitPacking.pack64(values, count: count, bitWidth: bitWidth, appendingTo: &packed)
                #expect(packed.count == 1 + count * bitWidth / 8)
                var unpacked = [UInt64](repeating: 1, count: count)
                packed.withUnsafeBytes { raw in
                    BitPacking.unpack64(raw.baseAddress! + 1, bitWidth: bitWidth, count: count, into: &unpacked)
                }
                #expect(unpacked == values, "width \(bitWidth), count \(count)")
            }
        }
    }

    @Test func unpackRangeHandlesUnalignedStartsAndEnds() {
        var generator = SeededRandomGenerator(seed: 7)
        for bitWidth in [1, 3, 8, 13, 32] {
            let values = (0..<200).map { _ in UInt32(randomValue(bitWidth: bitWidth, using: &generator)) }
            var packed: [UInt8] = []
            BitPacking.pack32(values, count: 200, bitWidth: bitWidth, appendingTo: &packed)
            for (first, count) in [(0, 200), (3, 5), (5, 90), (17, 183), (199, 1), (8, 0)] {
                var output = [UInt32](repeating: 0, count: count)
                packed.withUnsafeBytes { raw in
                    BitPacking.unpackRange32(raw.baseAddress!, byteCount: raw.count, bitWidth: bitWidth,
                                             firstIndex: first, count: count, into: &output)
                }
                #expect(output == Array(values[first ..< first + count]), "width \(bitWidth) range \(first)+\(count)")
            }
        }
    }

    // MARK: RLE/bit-packed hybrid

    @Test func rleHybridMatchesTheSpecExamples() throws {
        // Definition levels [1,1,0,1,1]: one bit-packed group (V1 adds the prefix 02 00 00 00).
        #expect(rleEncode([1, 1, 0, 1, 1], bitWidth: 1) == [0x03, 0x1B])
        #expect(try rleDecode([0x03, 0x1B], bitWidth: 1, count: 5) == [1, 1, 0, 1, 1])
        // 1000 non-null values: one RLE run.
        var encoder = RLEHybridEncoder(bitWidth: 1)
        encoder.append(repeating: 1, count: 1000)
        #expect(encoder.finish() == [0xD0, 0x0F, 0x01])
        #expect(rleEncode([UInt32](repeating: 1, count: 1000), bitWidth: 1) == [0xD0, 0x0F, 0x01])
        #expect(try rleDecode([0xD0, 0x0F, 0x01], bitWidth: 1, count: 1000) == [UInt32](repeating: 1, count: 1000))

        // The same two as V1 level sections, with their length prefix.
        var section: [UInt8] = []
        var levels = RLEHybridEncoder(bitWidth: 1)
        for level: UInt32 in [1, 1, 0, 1, 1] { levels.append(level) }
        levels.finishLengthPrefixed(appendingTo: &section)
        levels.append(repeating: 1, count: 1000)
        levels.finishLengthPrefixed(appendingTo: &section)
        #expect(section == [0x02, 0x00, 0x00, 0x00, 0x03, 0x1B, 0x03, 0x00, 0x00, 0x00, 0xD0, 0x0F, 0x01])
        try section.withUnsafeBytes { raw in
            let (runs, sectionByteCount) = try RLEHybridDecoder.lengthPrefixedRuns(raw)
            #expect(Array(runs) == [0x03, 0x1B] && sectionByteCount == 6)
            #expect(throws: SluiceError.self) { try RLEHybridDecoder.lengthPrefixedRuns(UnsafeRawBufferPointer(rebasing: raw[6..<12])) }
        }
    }

    @Test func rleHybridRoundTripsMixedRunsInSlices() throws {
        var generator = SeededRandomGenerator(seed: 99)
        for bitWidth in 0...32 {
            let count = 1 + Int(generator.next() % 3000)
            let values = mixedRuns(count: count, bitWidth: bitWidth, using: &generator)
            let encoded = rleEncode(values, bitWidth: bitWidth)
            #expect(try rleDecode(encoded, bitWidth: bitWidth, count: count) == values, "width \(bitWidth)")

            // The decoder keeps its place across calls of any size.
            var decoded = [UInt32](repeating: 0, count: count)
            try encoded.withUnsafeBytes { raw in
                var decoder = RLEHybridDecoder(raw, bitWidth: bitWidth)
                var done = 0
                while done < count {
                    let slice = min(count - done, 1 + Int(generator.next() % 70))
                    try decoded.withUnsafeMutableBufferPointer { try decoder.decode(count: slice, into: $0.baseAddress! + done) }
                    done += slice
                }
            }
            #expect(decoded == values, "width \(bitWidth) in slices")
        }
    }

    @Test func rleEncoderWritesLongRepeatsAsOneRun() throws {
        var encoder = RLEHybridEncoder(bitWidth: 20)
        encoder.append(5)
        encoder.append(repeating: 0xABCDE, count: 1_000_000)
        let encoded = encoder.finish()
        // A bit-packed group for 5 and the first seven repeats, then one RLE run of the rest.
        #expect(encoded.count < 40)
        #expect(try rleDecode(encoded, bitWidth: 20, count: 1_000_001) == [5] + [UInt32](repeating: 0xABCDE, count: 1_000_000))
    }

    @Test func rleDecoderRejectsShortAndMalformedRuns() throws {
        // Runs end before the requested count.
        #expect(throws: SluiceError.self) { try rleDecode([0x03, 0x1B], bitWidth: 1, count: 9) }
        // Repeated value wider than the bit width.
        #expect(throws: SluiceError.self) { try rleDecode([0x02, 0x05], bitWidth: 2, count: 1) }
        // Bit width out of range.
        #expect(throws: SluiceError.self) { try rleDecode([0x02, 0x05], bitWidth: 33, count: 1) }
        // Header varint that never ends.
        #expect(throws: SluiceError.self) { try rleDecode([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], bitWidth: 1, count: 1) }
        // Zero-length runs are skipped, not looped on.
        #expect(try rleDecode([0x00, 0x01, 0x02, 0x01], bitWidth: 1, count: 1) == [1])
    }

    @Test func levelsDecodeIntoValidityBits() throws {
        var generator = SeededRandomGenerator(seed: 5)
        for (bitWidth, maxLevel) in [(1, UInt32(1)), (2, UInt32(2)), (2, UInt32(3))] {
            let count = 2000
            let levels = mixedRuns(count: count, bitWidth: bitWidth, using: &generator).map { min($0, maxLevel) }
            let encoded = rleEncode(levels, bitWidth: bitWidth)
            for rowOffset in [0, 1, 63, 130] {
                var validity = ValidityBitmap(count: rowOffset, allValid: true)
                var validCount = 0
                try encoded.withUnsafeBytes { raw in
                    var decoder = RLEHybridDecoder(raw, bitWidth: bitWidth)
                    // Two slices, so the second starts mid-run and mid-word.
                    validCount += try decoder.decodeLevels(count: 777, maxLevel: maxLevel, into: &validity, startingAt: rowOffset)
                    validCount += try decoder.decodeLevels(count: count - 777, maxLevel: maxLevel, into: &validity, startingAt: rowOffset + 777)
                }
                #expect(validity.count == rowOffset + count)
                #expect(validCount == levels.filter { $0 == maxLevel }.count)
                #expect((0..<rowOffset).allSatisfy { validity.isValid($0) })
                #expect((0..<count).allSatisfy { validity.isValid(rowOffset + $0) == (levels[$0] == maxLevel) },
                        "width \(bitWidth) offset \(rowOffset)")
            }
        }
    }

    @Test func levelsAboveTheMaximumAreCorrupt() {
        let encoded = rleEncode([0, 1, 2, 3, 0, 1, 2, 3], bitWidth: 2)
        #expect(throws: SluiceError.self) {
            try encoded.withUnsafeBytes { raw in
                var decoder = RLEHybridDecoder(raw, bitWidth: 2)
                var validity = ValidityBitmap(count: 0, allValid: false)
                _ = try decoder.decodeLevels(count: 8, maxLevel: 2, into: &validity, startingAt: 0)
            }
        }
    }

    @Test func validityRangesEditWholeWords() {
        var validity = ValidityBitmap(count: 200, allValid: false)
        validity.setRange(3..<190, valid: true)
        validity.setRange(64..<128, valid: false)
        #expect((0..<200).allSatisfy { validity.isValid($0) == ((3..<64).contains($0) || (128..<190).contains($0)) })
        let source: [UInt8] = [0b1010_1010, 0xFF, 0x00, 0x0F]
        let setCount = source.withUnsafeBytes { validity.copyBits(from: $0, bitOffset: 1, count: 30, toRow: 60) }
        #expect(setCount == 4 + 8 + 0 + 4)
        validity.extend(toCount: 300)

        var expected = (0..<300).map { (3..<64).contains($0) || (128..<190).contains($0) }
        for bit in 1...30 { expected[59 + bit] = (source[bit / 8] >> UInt8(bit % 8)) & 1 == 1 }
        #expect(validity.count == 300)
        #expect((0..<300).map { validity.isValid($0) } == expected)
        #expect(validity.nullCount == expected.filter { !$0 }.count)
    }

    // MARK: Dictionary indices

    @Test func dictionaryIndicesRoundTrip() throws {
        var generator = SeededRandomGenerator(seed: 11)
        for dictionaryCount in [1, 2, 100, 70_000] {
            let indices = (0..<5000).map { _ in UInt32(generator.next() % UInt64(dictionaryCount)) }
            var encoded: [UInt8] = []
            indices.withUnsafeBufferPointer {
                DictionaryIndices.encodeDictionaryIndices($0, dictionaryCount: dictionaryCount, appendingTo: &encoded)
            }
            #expect(Int(encoded[0]) == DictionaryIndices.bitWidth(dictionaryCount: dictionaryCount))
            var decoded = [UInt32](repeating: 0, count: indices.count)
            try encoded.withUnsafeBytes { raw in
                try DictionaryIndices.decodeDictionaryIndices(raw, count: indices.count, into: &decoded)
            }
            #expect(decoded == indices)
            try decoded.withUnsafeBufferPointer { try DictionaryIndices.checkIndices($0, dictionaryCount: dictionaryCount) }
        }
        #expect(throws: SluiceError.self) {
            try [0, 3, 4].withUnsafeBufferPointer { try DictionaryIndices.checkIndices($0, dictionaryCount: 4) }
        }
        #expect(throws: SluiceError.self) {
            try [UInt8]([33, 0x02, 0x01]).withUnsafeBytes { raw in
                var output: [UInt32] = [0]
                try DictionaryIndices.decodeDictionaryIndices(raw, count: 1, into: &output)
            }
        }
    }

    // MARK: Legacy BIT_PACKED

    @Test func legacyBitPackedIsMostSignificantBitFirst() throws {
        var output = [UInt32](repeating: 0, count: 8)
        let consumed = try [UInt8]([0x05, 0x39, 0x77, 0xEE]).withUnsafeBytes { raw in
            try BitPackedLegacyDecoder.decode(raw, bitWidth: 3, count: 8, into: &output)
        }
        #expect(output == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(consumed == 3)
        #expect(throws: SluiceError.self) {
            try [UInt8]([0x05]).withUnsafeBytes { try BitPackedLegacyDecoder.decode($0, bitWidth: 3, count: 8, into: &output) }
        }
    }

    // MARK: DELTA_BINARY_PACKED

    @Test func deltaBinaryPackedMatchesHandBuiltStreams() throws {
        // 1, 2, 3, 4, 5: every delta is the minimum (1), so all miniblocks are 0 bits wide.
        let ascending: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00]
        // 7, 5, 3, 1, 2, 3, 4, 5: minimum delta -2, deltas above it 0 0 0 3 3 3 3 in 2 bits,
        // the first miniblock padded to 32 values (8 bytes), three unused miniblocks.
        let valley: [UInt8] = [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00,
                               0xC0, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        for (bytes, values) in [(ascending, [Int64]([1, 2, 3, 4, 5])), (valley, [7, 5, 3, 1, 2, 3, 4, 5])] {
            var decoded: [Int64] = []
            let consumed = try bytes.withUnsafeBytes {
                try DeltaBinaryPackedDecoder.decodeInt64($0, count: values.count, appendingTo: &decoded)
            }
            #expect(decoded == values)
            #expect(consumed == bytes.count)
            var encoder = DeltaBinaryPackedEncoder<Int64>()
            encoder.append(contentsOf: values)
            #expect(encoder.finish() == bytes)
        }
    }

    @Test func deltaBinaryPackedRoundTripsInt64() throws {
        var generator = SeededRandomGenerator(seed: 21)
        let cases: [[Int64]] = [
            [],
            [42],
            [Int64.min],
            [Int64.max, Int64.min, Int64.max, 0, -1, Int64.min],
            (0..<33).map { Int64($0) * -3 },
            (0..<129).map { _ in Int64(bitPattern: generator.next()) },
            (0..<1000).map { _ in Int64(generator.next() % 2000) - 1000 },
            (0..<5000).map { Int64($0 / 7) },
        ]
        for values in cases {
            for (blockSize, miniblocks) in [(128, 4), (256, 8), (128, 1)] {
                var encoder = DeltaBinaryPackedEncoder<Int64>(blockValueCount: blockSize, miniblocksPerBlock: miniblocks)
                encoder.append(contentsOf: values)
                let encoded = encoder.finish() + [0xEE, 0xEE]
                var decoded: [Int64] = [99]
                let consumed = try encoded.withUnsafeBytes {
                    try DeltaBinaryPackedDecoder.decodeInt64($0, count: values.count, appendingTo: &decoded)
                }
                #expect(decoded == [99] + values, "\(values.count) values, block \(blockSize)/\(miniblocks)")
                #expect(consumed == encoded.count - 2)
            }
        }
    }

    @Test func deltaBinaryPackedRoundTripsInt32InSlices() throws {
        var generator = SeededRandomGenerator(seed: 22)
        let values: [Int32] = [Int32.max, Int32.min, 0, Int32.min, Int32.max]
            + (0..<3000).map { _ in Int32(truncatingIfNeeded: generator.next()) }
        var encoder = DeltaBinaryPackedEncoder<Int32>()
        encoder.append(contentsOf: values)
        let encoded = encoder.finish()
        // 32-bit wrapping deltas never need more than 32 bits.
        try encoded.withUnsafeBytes { raw in
            var decoder = try DeltaBinaryPackedDecoder(raw)
            #expect(decoder.totalValueCount == values.count)
            var decoded: [Int32] = []
            var done = 0
            while done < values.count {
                let slice = min(values.count - done, 1 + Int(generator.next() % 300))
                try decoder.decodeInt32(count: slice, appendingTo: &decoded)
                done += slice
            }
            #expect(decoded == values)
            #expect(decoder.consumedByteCount == raw.count)
            #expect(throws: SluiceError.self) { try decoder.decodeInt32(count: 1, appendingTo: &decoded) }
        }
    }

    @Test func deltaBinaryPackedRejectsBadHeadersAndWidths() {
        let streams: [[UInt8]] = [
            [0x07, 0x04, 0x05, 0x02],                                    // block size not a multiple of 128
            [0x80, 0x01, 0x03, 0x05, 0x02],                              // miniblocks of 42.67 values
            [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x41, 0x00, 0x00, 0x00], // bit width 65
            [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x08, 0x00, 0x00, 0x00], // miniblock data missing
            [0x80, 0x01, 0x04, 0x05],                                    // no first value
        ]
        for stream in streams {
            #expect(throws: SluiceError.self) {
                var decoded: [Int64] = []
                _ = try stream.withUnsafeBytes { try DeltaBinaryPackedDecoder.decodeInt64($0, count: 5, appendingTo: &decoded) }
            }
        }
    }

    // MARK: DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY

    @Test func deltaByteArraysRoundTrip() throws {
        let words = ["axis", "axle", "babble", "babyhood", "", "b", "babyhood", "é ☃︎"]
        let buffer = BinaryBuffer(strings: words)
        var validity = ValidityBitmap(count: words.count, allValid: true)
        validity.set(5, valid: false)
        let kept = words.enumerated().filter { $0.offset != 5 }.map(\.element)

        for encoding in ["length", "incremental"] {
            var encoded: [UInt8] = []
            if encoding == "length" {
                DeltaLengthByteArrayEncoding.encode(buffer, validity: validity, appendingTo: &encoded)
            } else {
                DeltaByteArrayEncoding.encode(buffer, validity: validity, appendingTo: &encoded)
            }
            var decoded = BinaryBuffer(strings: ["before"])
            let consumed = try encoded.withUnsafeBytes { raw in
                encoding == "length"
                    ? try DeltaLengthByteArrayEncoding.decode(raw, count: kept.count, appendingTo: &decoded)
                    : try DeltaByteArrayEncoding.decode(raw, count: kept.count, appendingTo: &decoded)
            }
            #expect(consumed == encoded.count)
            #expect((0..<decoded.count).map { decoded.string(at: $0) } == ["before"] + kept, "\(encoding)")
        }
    }

    @Test func deltaByteArrayStoresSharedPrefixes() throws {
        // axis, axle, babble, babyhood → prefixes 0 2 0 3, suffixes axis le babble yhood.
        var encoded: [UInt8] = []
        DeltaByteArrayEncoding.encode(BinaryBuffer(strings: ["axis", "axle", "babble", "babyhood"]), appendingTo: &encoded)
        var prefixes: [Int32] = []
        let prefixBytes = try encoded.withUnsafeBytes { try DeltaBinaryPackedDecoder.decodeInt32($0, count: 4, appendingTo: &prefixes) }
        #expect(prefixes == [0, 2, 0, 3])
        var suffixes = BinaryBuffer()
        _ = try encoded.withUnsafeBytes {
            try DeltaLengthByteArrayEncoding.decode(UnsafeRawBufferPointer(rebasing: $0[prefixBytes...]), count: 4, appendingTo: &suffixes)
        }
        #expect((0..<4).map { suffixes.string(at: $0) } == ["axis", "le", "babble", "yhood"])
    }

    // MARK: PLAIN

    @Test func plainRoundTripsFixedWidthTypes() throws {
        let booleans = [true, false, true, true, false, false, false, true, true, false, true]
        var bytes: [UInt8] = []
        PlainEncoding.encodeBoolean(booleans, appendingTo: &bytes)
        #expect(bytes == [0b1000_1101, 0b0000_0101])
        var decodedBooleans: [Bool] = [false]
        #expect(try bytes.withUnsafeBytes { try PlainEncoding.decodeBoolean($0, count: 11, appendingTo: &decodedBooleans) } == 2)
        #expect(decodedBooleans == [false] + booleans)

        let int32s: [Int32] = [0, -1, .max, .min, 123_456]
        bytes = []
        PlainEncoding.encodeInt32(int32s, appendingTo: &bytes)
        #expect(Array(bytes[4..<8]) == [0xFF, 0xFF, 0xFF, 0xFF])
        var decodedInt32s: [Int32] = []
        #expect(try bytes.withUnsafeBytes { try PlainEncoding.decodeInt32($0, count: 5, appendingTo: &decodedInt32s) } == 20)
        #expect(decodedInt32s == int32s)

        let int64s: [Int64] = [0, -1, .max, .min, 1 << 40]
        bytes = [0x77]  // An odd start, so the values are unaligned.
        PlainEncoding.encodeInt64(int64s[...], appendingTo: &bytes)
        var decodedInt64s: [Int64] = [5]
        _ = try bytes.withUnsafeBytes {
            try PlainEncoding.decodeInt64(UnsafeRawBufferPointer(rebasing: $0[1...]), count: 5, appendingTo: &decodedInt64s)
        }
        #expect(decodedInt64s == [5] + int64s)

        let doubles: [Double] = [0, -0.5, .infinity, 1e300, 3.25]
        bytes = []
        PlainEncoding.encodeDouble(doubles, appendingTo: &bytes)
        PlainEncoding.encodeFloat(doubles, appendingTo: &bytes)
        var decodedDoubles: [Double] = []
        try bytes.withUnsafeBytes { raw in
            let consumed = try PlainEncoding.decodeDouble(raw, count: 5, appendingTo: &decodedDoubles)
            _ = try PlainEncoding.decodeFloat(UnsafeRawBufferPointer(rebasing: raw[consumed...]), count: 5, appendingTo: &decodedDoubles)
        }
        #expect(decodedDoubles == doubles + [0, -0.5, .infinity, .infinity, 3.25])

        #expect(throws: SluiceError.self) {
            var output: [Int64] = []
            _ = try [UInt8](repeating: 0, count: 15).withUnsafeBytes { try PlainEncoding.decodeInt64($0, count: 2, appendingTo: &output) }
        }
    }

    @Test func plainRoundTripsByteArrays() throws {
        let buffer = BinaryBuffer(strings: ["", "sluice", "", "parquet ✓"])
        var bytes: [UInt8] = []
        PlainEncoding.encodeByteArray(buffer, appendingTo: &bytes)
        #expect(Array(bytes[0..<10]) == [0, 0, 0, 0, 6, 0, 0, 0, 0x73, 0x6C])
        var decoded = BinaryBuffer()
        #expect(try bytes.withUnsafeBytes { try PlainEncoding.decodeByteArray($0, count: 4, appendingTo: &decoded) } == bytes.count)
        #expect(decoded == buffer)
        // A length past the end of the page.
        #expect(throws: SluiceError.self) {
            _ = try [UInt8]([9, 0, 0, 0, 1, 2]).withUnsafeBytes { try PlainEncoding.decodeByteArray($0, count: 1, appendingTo: &decoded) }
        }

        let fixed = BinaryBuffer(offsets: [0, 3, 6], bytes: [1, 2, 3, 4, 5, 6])
        bytes = []
        try PlainEncoding.encodeFixedLenByteArray(fixed, byteWidth: 3, appendingTo: &bytes)
        var decodedFixed = BinaryBuffer(strings: ["x"])
        _ = try bytes.withUnsafeBytes { try PlainEncoding.decodeFixedLenByteArray($0, byteWidth: 3, count: 2, appendingTo: &decodedFixed) }
        #expect(decodedFixed == BinaryBuffer(offsets: [0, 1, 4, 7], bytes: [0x78, 1, 2, 3, 4, 5, 6]))
    }

    @Test func bigEndianDecimalsSignExtend() throws {
        func decimal(_ bytes: [UInt8]) -> Int128 { bytes.withUnsafeBytes { PlainEncoding.decodeBigEndianDecimal($0) } }
        #expect(decimal([]) == 0)
        #expect(decimal([0xFF]) == -1)
        #expect(decimal([0x00, 0x80]) == 128)
        #expect(decimal([0xFF, 0x38]) == -200)
        #expect(decimal([0x80] + [UInt8](repeating: 0, count: 15)) == Int128.min)
        #expect(decimal([0x00] + [0x7F] + [UInt8](repeating: 0xFF, count: 15)) == Int128.max)

        let values: [Int128] = [0, 1, -1, 12_345_678_901, -99_999_999_999_999_999]
        for byteWidth in [8, 9, 16] {
            var bytes: [UInt8] = []
            for value in values { PlainEncoding.encodeBigEndianDecimal(value, byteWidth: byteWidth, appendingTo: &bytes) }
            var decoded: [Int128] = []
            _ = try bytes.withUnsafeBytes { try PlainEncoding.decodeFixedLenDecimal128($0, byteWidth: byteWidth, count: values.count, appendingTo: &decoded) }
            #expect(decoded == values)
            if byteWidth == 8 {
                var decoded64: [Int64] = []
                _ = try bytes.withUnsafeBytes { try PlainEncoding.decodeFixedLenDecimal64($0, byteWidth: 8, count: values.count, appendingTo: &decoded64) }
                #expect(decoded64.map { Int128($0) } == values)
            }
        }
        var decoded: [Int128] = []
        _ = try [UInt8]([2, 0, 0, 0, 0xFF, 0x38, 0, 0, 0, 0]).withUnsafeBytes {
            try PlainEncoding.decodeByteArrayDecimal128($0, count: 2, appendingTo: &decoded)
        }
        #expect(decoded == [-200, 0])
        #expect(PlainEncoding.decimalByteWidth(precision: 9) == 4)
        #expect(PlainEncoding.decimalByteWidth(precision: 18) == 8)
        #expect(PlainEncoding.decimalByteWidth(precision: 38) == 16)
    }

    @Test func int96TimestampsBecomeMicroseconds() throws {
        func int96(nanoseconds: Int64, julianDay: Int32) -> [UInt8] {
            withUnsafeBytes(of: nanoseconds.littleEndian, Array.init) + withUnsafeBytes(of: julianDay.littleEndian, Array.init)
        }
        // 2020-01-01T00:00:00Z, 1970-01-01T00:00:01.000001999Z, 1969-12-31T23:59:59Z.
        let bytes = int96(nanoseconds: 0, julianDay: 2_458_850)
            + int96(nanoseconds: 1_000_001_999, julianDay: 2_440_588)
            + int96(nanoseconds: 86_399_000_000_000, julianDay: 2_440_587)
        var micros: [Int64] = []
        #expect(try bytes.withUnsafeBytes { try PlainEncoding.decodeInt96Timestamp($0, count: 3, appendingTo: &micros) } == 36)
        #expect(micros == [1_577_836_800_000_000, 1_000_001, -1_000_000])
        #expect(throws: SluiceError.self) {
            _ = try int96(nanoseconds: 0, julianDay: .max).withUnsafeBytes { try PlainEncoding.decodeInt96Timestamp($0, count: 1, appendingTo: &micros) }
        }
        #expect(micros.count == 3)
    }

    @Test func rleBooleansCarryALengthPrefix() throws {
        let booleans = (0..<300).map { $0 % 7 == 0 || (100..<200).contains($0) }
        let runs = rleEncode(booleans.map { $0 ? 1 : 0 }, bitWidth: 1)
        let bytes = withUnsafeBytes(of: UInt32(runs.count).littleEndian, Array.init) + runs + [0xEE]
        var decoded: [Bool] = [false]
        let consumed = try bytes.withUnsafeBytes { try RLEHybridDecoder.decodeBooleans($0, count: 300, appendingTo: &decoded) }
        #expect(consumed == bytes.count - 1)
        #expect(decoded == [false] + booleans)
        #expect(throws: SluiceError.self) {
            _ = try [UInt8]([9, 0, 0, 0, 0x02, 0x01]).withUnsafeBytes { try RLEHybridDecoder.decodeBooleans($0, count: 1, appendingTo: &decoded) }
        }
    }

    @Test func byteStreamSplitGathersEachValuesBytes() throws {
        // Two floats 1.0 (3F800000) and -2.0 (C0000000): stream 0 = 00 00, ..., stream 3 = 3F C0.
        var bytes: [UInt8] = []
        ByteStreamSplitEncoding.encode([Float(1).bitPattern, Float(-2).bitPattern], appendingTo: &bytes)
        #expect(bytes == [0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x3F, 0xC0])
        var doubles: [Double] = []
        #expect(try bytes.withUnsafeBytes { try ByteStreamSplitEncoding.decodeFloat($0, count: 2, appendingTo: &doubles) } == 8)
        #expect(doubles == [1, -2])

        let int64s: [Int64] = [0, -1, .max, .min, 0x0102_0304_0506_0708]
        bytes = []
        ByteStreamSplitEncoding.encode(int64s.map { UInt64(bitPattern: $0) }, appendingTo: &bytes)
        var decodedInt64s: [Int64] = [7]
        _ = try bytes.withUnsafeBytes { try ByteStreamSplitEncoding.decodeInt64($0, count: 5, appendingTo: &decodedInt64s) }
        #expect(decodedInt64s == [7] + int64s)

        var fixed = BinaryBuffer()
        _ = try [UInt8]([1, 4, 2, 5, 3, 6]).withUnsafeBytes {
            try ByteStreamSplitEncoding.decodeFixedLenByteArray($0, byteWidth: 3, count: 2, appendingTo: &fixed)
        }
        #expect(fixed == BinaryBuffer(offsets: [0, 3, 6], bytes: [1, 2, 3, 4, 5, 6]))
        #expect(throws: SluiceError.self) {
            _ = try [UInt8](repeating: 0, count: 7).withUnsafeBytes { try ByteStreamSplitEncoding.decodeDouble($0, count: 1, appendingTo: &doubles) }
        }
    }

    // MARK: Hostile input

    /// Every decoder, fed seeded random bytes and mangled valid streams, returns or throws a data
    /// error: no trap, no out-of-bounds read, no hang.
    @Test func decodersSurviveHostileInput() throws {
        var generator = SeededRandomGenerator(seed: 0xBAD)
        var validStreams: [[UInt8]] = []
        var deltaEncoder = DeltaBinaryPackedEncoder<Int64>()
        deltaEncoder.append(contentsOf: (0..<300).map { Int64($0 * $0) - 5000 })
        validStreams.append(deltaEncoder.finish())
        validStreams.append(rleEncode(mixedRuns(count: 400, bitWidth: 5, using: &generator), bitWidth: 5))
        var byteArrays: [UInt8] = []
        DeltaByteArrayEncoding.encode(BinaryBuffer(strings: ["alpha", "alphabet", "beta", "betamax"]), appendingTo: &byteArrays)
        validStreams.append(byteArrays)

        for round in 0..<800 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int(generator.next() % 80)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            } else {
                bytes = validStreams[round % validStreams.count]
                for _ in 0..<(1 + generator.next() % 4) where !bytes.isEmpty {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
                bytes.removeLast(Int(generator.next() % UInt64(bytes.count / 2 + 1)))
            }
            let count = Int(generator.next() % 600)
            let bitWidth = Int(generator.next() % 40)
            // An allocation of exactly the input's size, so a sanitizer flags any read past it.
            let exact = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
            defer { exact.deallocate() }
            exact.copyBytes(from: bytes)
            try feedEveryDecoder(UnsafeRawBufferPointer(exact), count: count, bitWidth: bitWidth)
        }
    }

    private func feedEveryDecoder(_ raw: UnsafeRawBufferPointer, count: Int, bitWidth: Int) throws {
        func survives(_ body: () throws -> Void) throws {
            do {
                try body()
            } catch let error as SluiceError where error.fault == .data {
                // Rejecting corrupt data is the expected outcome.
            }
        }
        var indices = [UInt32](repeating: 0, count: count)
        try survives {
            var decoder = RLEHybridDecoder(raw, bitWidth: bitWidth)
            try decoder.decode(count: count, into: &indices)
        }
        try survives {
            var decoder = RLEHybridDecoder(raw, bitWidth: bitWidth % 3)
            var validity = ValidityBitmap(count: 3, allValid: true)
            _ = try decoder.decodeLevels(count: count, maxLevel: 1, into: &validity, startingAt: 3)
        }
        try survives { try DictionaryIndices.decodeDictionaryIndices(raw, count: count, into: &indices) }
        try survives { _ = try BitPackedLegacyDecoder.decode(raw, bitWidth: bitWidth, count: count, into: &indices) }
        try survives {
            var values: [Int64] = []
            _ = try DeltaBinaryPackedDecoder.decodeInt64(raw, count: count, appendingTo: &values)
        }
        try survives {
            var decoder = try DeltaBinaryPackedDecoder(raw)
            var values: [Int32] = []
            try decoder.decodeInt32(count: min(count, decoder.totalValueCount), appendingTo: &values)
        }
        try survives {
            var buffer = BinaryBuffer()
            _ = try DeltaLengthByteArrayEncoding.decode(raw, count: count % 8, appendingTo: &buffer)
        }
        try survives {
            var buffer = BinaryBuffer()
            _ = try DeltaByteArrayEncoding.decode(raw, count: count % 8, appendingTo: &buffer)
        }
        try survives {
            var buffer = BinaryBuffer()
            _ = try PlainEncoding.decodeByteArray(raw, count: count % 16, appendingTo: &buffer)
        }
        try survives {
            var booleans: [Bool] = []
            _ = try RLEHybridDecoder.decodeBooleans(raw, count: count, appendingTo: &booleans)
        }
        try survives {
            var doubles: [Double] = []
            _ = try ByteStreamSplitEncoding.decodeDouble(raw, count: count % 16, appendingTo: &doubles)
            var buffer = BinaryBuffer()
            _ = try ByteStreamSplitEncoding.decodeFixedLenByteArray(raw, byteWidth: bitWidth % 5, count: count % 16, appendingTo: &buffer)
        }
        try survives {
            var booleans: [Bool] = []
            _ = try PlainEncoding.decodeBoolean(raw, count: count, appendingTo: &booleans)
            var micros: [Int64] = []
            _ = try PlainEncoding.decodeInt96Timestamp(raw, count: count % 8, appendingTo: &micros)
            var decimals: [Int128] = []
            _ = try PlainEncoding.decodeByteArrayDecimal128(raw, count: count % 8, appendingTo: &decimals)
            _ = try PlainEncoding.decodeFixedLenDecimal128(raw, byteWidth: bitWidth % 20, count: count % 8, appendingTo: &decimals)
        }
    }
}
