import SluiceCore
import Testing

@testable import Parquet

private enum Samples {
    static func random(byteCount: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededRandomGenerator(seed: seed)
        return (0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// Text shaped like a TPC-H lineitem CSV: repeated words and digits with random choices.
    static func lineitemText(byteCount: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededRandomGenerator(seed: seed)
        let flags = ["N|O", "R|F", "A|F", "N|F"]
        let modes = ["TRUCK", "MAIL", "REG AIR", "AIR", "FOB", "RAIL", "SHIP"]
        let instructions = ["DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"]
        let words = ["furiously", "carefully", "final", "ironic", "deposits", "packages", "slyly", "blithely", "regular", "accounts"]
        var text: [UInt8] = []
        text.reserveCapacity(byteCount + 200)
        var orderKey = 1
        while text.count < byteCount {
            orderKey += Int.random(in: 0...3, using: &generator)
            let price = Double(Int.random(in: 90_000...10_500_000, using: &generator)) / 100
            let comment = (0..<Int.random(in: 2...5, using: &generator))
                .map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            let row = "\(orderKey)|\(Int.random(in: 1...200_000, using: &generator))|"
                + "\(Int.random(in: 1...10_000, using: &generator))|\(Int.random(in: 1...7, using: &generator))|"
                + "\(Int.random(in: 1...50, using: &generator))|\(price)|0.0\(Int.random(in: 0...9, using: &generator))|"
                + "0.0\(Int.random(in: 0...8, using: &generator))|\(flags.randomElement(using: &generator)!)|"
                + "199\(Int.random(in: 2...8, using: &generator))-0\(Int.random(in: 1...9, using: &generator))-1\(Int.random(in: 0...9, using: &generator))|"
                + "\(instructions.randomElement(using: &generator)!)|\(modes.randomElement(using: &generator)!)|\(comment)|\n"
            text.append(contentsOf: row.utf8)
        }
        return Array(text.prefix(byteCount))
    }
}

private func snappyCompress(_ input: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: Snappy.maxCompressedLength(input.count))
    let written = input.withUnsafeBytes { inputBytes in
        output.withUnsafeMutableBytes { Snappy.compress(inputBytes, into: $0) }
    }
    return Array(output.prefix(written))
}

private func snappyDecompress(_ input: [UInt8]) throws -> [UInt8] {
    try input.withUnsafeBytes { inputBytes in
        let length = try Snappy.uncompressedLength(inputBytes)
        var output = [UInt8](repeating: 0, count: length)
        try output.withUnsafeMutableBytes { try Snappy.decompress(inputBytes, into: $0) }
        return output
    }
}

private func pageCompress(_ codec: CompressionCodec, _ input: [UInt8], appendingTo prefix: [UInt8] = []) throws -> [UInt8] {
    var pageCodec = try PageCodec(codec)
    var output = prefix
    try input.withUnsafeBytes { try pageCodec.compress($0, appendingTo: &output) }
    return output
}

private func pageDecompress(_ codec: CompressionCodec, _ input: [UInt8], uncompressedSize: Int) throws -> [UInt8] {
    var pageCodec = try PageCodec(codec)
    return try input.withUnsafeBytes { try pageCodec.decompress($0, uncompressedSize: uncompressedSize) }
}

@Suite struct CodecTests {
    static let supportedCodecs: [CompressionCodec] = [.uncompressed, .snappy, .gzip, .zstd]

    /// Inputs that exercise empty and tiny pages, long runs, incompressible bytes, text, and
    /// sizes on either side of Snappy's 64 KiB block boundary.
    static let roundTripInputs: [(label: String, bytes: [UInt8])] = [
        ("empty", []),
        ("one byte", [0x2A]),
        ("short text", Array("hello, hello, hello parquet".utf8)),
        ("zeros 1 MiB", [UInt8](repeating: 0, count: 1 << 20)),
        ("abc repeated", Array(repeatElement(Array("abc".utf8), count: 30_000).joined())),
        ("random 100 KiB", Samples.random(byteCount: 100_000, seed: 1)),
        ("random 17 bytes", Samples.random(byteCount: 17, seed: 2)),
        ("text 65535", Samples.lineitemText(byteCount: 65_535, seed: 3)),
        ("text 65536", Samples.lineitemText(byteCount: 65_536, seed: 4)),
        ("text 65537", Samples.lineitemText(byteCount: 65_537, seed: 5)),
        ("text 300 KB", Samples.lineitemText(byteCount: 300_000, seed: 6)),
        ("random then repeated", Samples.random(byteCount: 70_000, seed: 7) + [UInt8](repeating: 7, count: 70_000)),
    ]

    @Test func codecNamesAndIdsFollowTheSpecification() {
        #expect(CompressionCodec.allCases.map(\.rawValue) == Array(0...7))
        #expect(CompressionCodec.allCases.map(\.name) == ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"])
        #expect(CompressionCodec.allCases.filter(\.isSupported) == Self.supportedCodecs)
    }

    @Test func unsupportedCodecsAreRejectedAsDataErrors() {
        for codec in CompressionCodec.allCases where !codec.isSupported {
            #expect {
                _ = try PageCodec(codec)
            } throws: { error in
                guard let error = error as? SluiceError else { return false }
                return error.fault == .data && error.message.contains("unsupported compression codec \(codec.name)")
            }
        }
    }

    @Test(arguments: supportedCodecs)
    func pagesRoundTrip(codec: CompressionCodec) throws {
        for (label, input) in Self.roundTripInputs {
            let compressed = try pageCompress(codec, input)
            let restored = try pageDecompress(codec, compressed, uncompressedSize: input.count)
            #expect(restored == input, "\(codec.name) round trip of \(label)")
        }
    }

    @Test(arguments: supportedCodecs)
    func compressionAppendsAfterExistingBytes(codec: CompressionCodec) throws {
        let input = Samples.lineitemText(byteCount: 5_000, seed: 8)
        let prefix: [UInt8] = [9, 8, 7]
        let output = try pageCompress(codec, input, appendingTo: prefix)
        #expect(Array(output.prefix(3)) == prefix)
        #expect(try pageDecompress(codec, Array(output.dropFirst(3)), uncompressedSize: input.count) == input)
    }

    @Test(arguments: supportedCodecs)
    func wrongUncompressedSizeThrows(codec: CompressionCodec) throws {
        for input in [[UInt8](), Samples.lineitemText(byteCount: 20_000, seed: 9)] {
            let compressed = try pageCompress(codec, input)
            for wrongSize in [input.count + 1, input.count + 100, input.count - 1] where wrongSize >= 0 {
                #expect(throws: SluiceError.self) {
                    _ = try pageDecompress(codec, compressed, uncompressedSize: wrongSize)
                }
            }
        }
    }

    @Test func snappyCompressesRedundantDataWell() {
        #expect(snappyCompress([UInt8](repeating: 0, count: 1 << 20)).count < 60_000)
        let text = Samples.lineitemText(byteCount: 1 << 20, seed: 10)
        #expect(snappyCompress(text).count < text.count / 2)
        let noise = Samples.random(byteCount: 1 << 20, seed: 11)
        #expect(snappyCompress(noise).count <= Snappy.maxCompressedLength(noise.count))
    }

    @Test func snappyEmptyInputIsJustTheLengthHeader() throws {
        #expect(snappyCompress([]) == [0x00])
        #expect(try snappyDecompress([0x00]) == [])
    }

    @Test func snappyDecodesHandMadeStreams() throws {
        // 20 bytes: literal "ab" (tag (2-1)<<2), then a copy of 18 bytes at offset 2 with a
        // two-byte offset (tag 2 | (18-1)<<2 = 0x46), which overlaps its own output.
        #expect(try snappyDecompress([0x14, 0x04, 0x61, 0x62, 0x46, 0x02, 0x00]) == Array(String(repeating: "ab", count: 10).utf8))
        // 12 bytes: literal "abc", then a one-byte-offset copy of 9 bytes at offset 3
        // (tag 1 | (9-4)<<2 | 0<<5 = 0x15, offset byte 0x03).
        #expect(try snappyDecompress([0x0C, 0x08, 0x61, 0x62, 0x63, 0x15, 0x03]) == Array("abcabcabcabc".utf8))
        // 6 bytes: literal "xyz", then a four-byte-offset copy of 3 bytes (tag 3 | (3-1)<<2 = 0x0B).
        #expect(try snappyDecompress([0x06, 0x08, 0x78, 0x79, 0x7A, 0x0B, 0x03, 0x00, 0x00, 0x00]) == Array("xyzxyz".utf8))
        // 300 bytes (header 0xAC 0x02): one literal whose length-1 (299 = 0x012B) follows the
        // tag in two bytes (tag 61<<2 = 0xF4).
        let literal = Samples.random(byteCount: 300, seed: 12)
        #expect(try snappyDecompress([0xAC, 0x02, 0xF4, 0x2B, 0x01] + literal) == literal)
        // 1000 bytes of 'z': one literal, then a run copied at offset 1 in 64-byte elements
        // (tag 2 | 63<<2 = 0xFE) and a final 39-byte element (tag 2 | 38<<2 = 0x9A).
        var run: [UInt8] = [0xE8, 0x07, 0x00, 0x7A]
        for _ in 0..<15 { run += [0xFE, 0x01, 0x00] }
        run += [0x9A, 0x01, 0x00]
        #expect(try snappyDecompress(run) == [UInt8](repeating: 0x7A, count: 1000))
    }

    @Test func snappyOutputUsesTheFormatsElements() throws {
        // Literal "abcd" (tag (4-1)<<2), then 16 bytes at offset 4: too long for the one-byte
        // offset form, so a two-byte one (tag 2 | (16-1)<<2 = 0x3E, offset 04 00).
        #expect(snappyCompress(Array("abcdabcdabcdabcdabcd".utf8)) == [0x14, 0x0C, 0x61, 0x62, 0x63, 0x64, 0x3E, 0x04, 0x00])
        // Literal "abcd", 8 bytes at offset 4 in the one-byte-offset form (tag 1 | (8-4)<<2 =
        // 0x11, offset 0x04), then the unmatched 15-byte tail as a literal (tag 14<<2 = 0x38).
        let tail = Array("WXYZefghijklmno".utf8)
        #expect(
            snappyCompress(Array("abcdabcdabcd".utf8) + tail)
                == [0x1B, 0x0C, 0x61, 0x62, 0x63, 0x64, 0x11, 0x04, 0x38] + tail)
    }

    @Test func snappyDecodesEveryElementForm() throws {
        // Random streams built element by element, checked against a byte-at-a-time model:
        // this reaches forms our compressor never writes (four-byte offsets, copies shorter
        // than 4, 3- and 4-byte literal lengths) and every short overlapping offset.
        var generator = SeededRandomGenerator(seed: 600)
        for _ in 0..<60 {
            var expected: [UInt8] = []
            var elements: [UInt8] = []
            for _ in 0..<Int.random(in: 1...200, using: &generator) {
                if expected.isEmpty || Int.random(in: 0..<4, using: &generator) == 0 {
                    let literalLength = Int.random(in: 0..<50, using: &generator) == 0
                        ? Int.random(in: 61...70_000, using: &generator) : Int.random(in: 1...60, using: &generator)
                    let literal = Samples.random(byteCount: literalLength, seed: generator.next())
                    let lengthMinusOne = literalLength - 1
                    if lengthMinusOne < 60 && Bool.random(using: &generator) {
                        elements.append(UInt8(lengthMinusOne << 2))
                    } else {
                        // Any of the 1...4-byte length forms that can hold the length.
                        let lengthBytesMin = lengthMinusOne < 1 << 8 ? 1 : lengthMinusOne < 1 << 16 ? 2 : 3
                        let lengthBytes = Int.random(in: lengthBytesMin...4, using: &generator)
                        elements.append(UInt8((59 + lengthBytes) << 2))
                        elements += (0..<lengthBytes).map { UInt8(truncatingIfNeeded: lengthMinusOne >> (8 * $0)) }
                    }
                    elements += literal
                    expected += literal
                } else {
                    let offset = Bool.random(using: &generator)
                        ? Int.random(in: 1...min(expected.count, 9), using: &generator)
                        : Int.random(in: 1...min(expected.count, 65_535), using: &generator)
                    let form = offset < 2048 ? Int.random(in: 1...3, using: &generator) : Int.random(in: 2...3, using: &generator)
                    let copyLength = form == 1 ? Int.random(in: 4...11, using: &generator) : Int.random(in: 1...64, using: &generator)
                    switch form {
                    case 1:
                        elements += [UInt8(1 | (copyLength - 4) << 2 | (offset >> 8) << 5), UInt8(offset & 0xFF)]
                    case 2:
                        elements += [UInt8(2 | (copyLength - 1) << 2), UInt8(offset & 0xFF), UInt8(offset >> 8)]
                    default:
                        elements += [UInt8(3 | (copyLength - 1) << 2)] + (0..<4).map { UInt8(truncatingIfNeeded: offset >> (8 * $0)) }
                    }
                    for _ in 0..<copyLength { expected.append(expected[expected.count - offset]) }
                }
            }
            var header: [UInt8] = []
            var remaining = expected.count
            while remaining >= 0x80 {
                header.append(UInt8(remaining & 0x7F) | 0x80)
                remaining >>= 7
            }
            header.append(UInt8(remaining))
            #expect(try snappyDecompress(header + elements) == expected)
        }
    }

    @Test func snappyRejectsMalformedStreams() {
        let malformed: [(label: String, bytes: [UInt8])] = [
            ("empty", []),
            ("unterminated header", [0x80, 0x80]),
            ("header over 32 bits", [0xFF, 0xFF, 0xFF, 0xFF, 0x1F]),
            ("header of six bytes", [0x80, 0x80, 0x80, 0x80, 0x80, 0x00]),
            ("literal past input end", [0x05, 0x10, 0x61]),
            ("literal past output end", [0x01, 0x04, 0x61, 0x62]),
            ("truncated literal length", [0x40, 0xF0]),
            ("offset zero", [0x06, 0x04, 0x61, 0x62, 0x05, 0x00]),
            ("offset before start", [0x06, 0x04, 0x61, 0x62, 0x05, 0x03]),
            ("copy past output end", [0x04, 0x04, 0x61, 0x62, 0x05, 0x02]),
            ("truncated two-byte copy", [0x06, 0x04, 0x61, 0x62, 0x0E, 0x02]),
            ("truncated four-byte copy", [0x06, 0x04, 0x61, 0x62, 0x0F, 0x02, 0x00, 0x00]),
            ("stream ends early", [0x09, 0x04, 0x61, 0x62]),
            ("bytes after empty stream", [0x00, 0x00]),
        ]
        for (label, bytes) in malformed {
            #expect(throws: SluiceError.self, "\(label)") { _ = try snappyDecompress(bytes) }
        }
    }

    @Test func snappySurvivesCorruptedStreams() throws {
        try expectCorruptionNeverCrashes(codec: .snappy, seed: 100)
    }

    @Test func gzipSurvivesCorruptedStreams() throws {
        try expectCorruptionNeverCrashes(codec: .gzip, seed: 200)
    }

    /// Flips, overwrites and cuts bytes of valid pages; decompression must throw or return
    /// bytes of the requested size, never crash or hang.
    private func expectCorruptionNeverCrashes(codec: CompressionCodec, seed: UInt64) throws {
        var generator = SeededRandomGenerator(seed: seed)
        let originals = [
            Samples.lineitemText(byteCount: 3_000, seed: seed + 1),
            Samples.random(byteCount: 500, seed: seed + 2),
            Array(repeatElement(Array("abcab".utf8), count: 400).joined()),
            Samples.lineitemText(byteCount: 70_000, seed: seed + 3),
        ]
        let compressedPages = try originals.map { try pageCompress(codec, $0) }
        var thrownCount = 0
        for trial in 0..<400 {
            let pageIndex = trial % originals.count
            var damaged = compressedPages[pageIndex]
            if trial % 5 == 4 {
                damaged.removeLast(Int.random(in: 1...damaged.count, using: &generator))
            } else {
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let position = Int.random(in: 0..<damaged.count, using: &generator)
                    if Bool.random(using: &generator) {
                        damaged[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
                    } else {
                        damaged[position] = UInt8.random(in: 0...255, using: &generator)
                    }
                }
            }
            do {
                let restored = try pageDecompress(codec, damaged, uncompressedSize: originals[pageIndex].count)
                #expect(restored.count == originals[pageIndex].count)
            } catch let error as SluiceError {
                #expect(error.fault == .data, "trial \(trial): \(error)")
                thrownCount += 1
            }
        }
        // Snappy has no checksum, so some damage decodes silently; most must still be caught.
        #expect(thrownCount > 100)
    }

    @Test func snappyDecodesCorruptedStreamsAtTheirOwnLength() throws {
        // Decoding at the length the damaged header announces reaches paths the fixed-size
        // page check above stops early.
        var generator = SeededRandomGenerator(seed: 300)
        let compressed = snappyCompress(Samples.lineitemText(byteCount: 2_000, seed: 301))
        for _ in 0..<300 {
            var damaged = compressed
            let position = Int.random(in: 0..<damaged.count, using: &generator)
            damaged[position] = UInt8.random(in: 0...255, using: &generator)
            guard let length = try? damaged.withUnsafeBytes(Snappy.uncompressedLength), length <= 1 << 20 else { continue }
            _ = try? snappyDecompress(damaged)
        }
    }

    @Test func gzipOutputIsAGzipMember() throws {
        let compressed = try pageCompress(.gzip, Array("parquet".utf8))
        // RFC 1952: magic 1f 8b, compression method 8 (deflate).
        #expect(Array(compressed.prefix(3)) == [0x1F, 0x8B, 0x08])
        // The trailer ends with ISIZE, the input length modulo 2^32, little-endian.
        #expect(Array(compressed.suffix(4)) == [7, 0, 0, 0])
    }

    @Test func gzipDecodesConcatenatedMembers() throws {
        let first = Samples.lineitemText(byteCount: 10_000, seed: 400)
        let second = Array("second member".utf8)
        let third: [UInt8] = []
        var members: [UInt8] = []
        for part in [first, second, third] {
            try part.withUnsafeBytes { try Gzip.compress($0, level: 1, appendingTo: &members) }
        }
        let whole = first + second + third
        let restored = try members.withUnsafeBytes { try Gzip.decompress($0, uncompressedSize: whole.count) }
        #expect(restored == whole)
    }

    @Test func gzipRejectsTruncatedAndTrailingGarbage() throws {
        let input = Samples.lineitemText(byteCount: 10_000, seed: 500)
        let compressed = try pageCompress(.gzip, input)
        for cut in [1, 4, 8, compressed.count / 2, compressed.count - 1] {
            #expect(throws: SluiceError.self) {
                _ = try pageDecompress(.gzip, Array(compressed.prefix(cut)), uncompressedSize: input.count)
            }
        }
        #expect(throws: SluiceError.self) {
            _ = try pageDecompress(.gzip, compressed + [0x42, 0x42, 0x42], uncompressedSize: input.count)
        }
    }

    @Test func gzipRejectsInvalidLevels() {
        #expect(throws: SluiceError.self) {
            var output: [UInt8] = []
            try [UInt8(1)].withUnsafeBytes { try Gzip.compress($0, level: 42, appendingTo: &output) }
        }
    }
}
