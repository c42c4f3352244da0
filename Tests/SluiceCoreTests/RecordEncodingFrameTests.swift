import Testing
@testable import SluiceCore

@Suite struct RecordEncodingFrameTests {
    func sampleRecords(count: Int, seed: UInt64) -> [KeyValue<String, Int>] {
        var random = SeededRandomGenerator(seed: seed)
        return (0..<count).map { _ in KeyValue(RecordEncodingSamples.word(&random), Int(bitPattern: UInt(random.next()))) }
    }

    @Test func framesRoundTripWithTheirHeader() throws {
        let records = sampleRecords(count: 1000, seed: 30)
        var writer = RecordFrameWriter(capacityBytes: 64)
        writer.append(contentsOf: records)
        #expect(writer.recordCount == 1000)
        let frame = writer.finish()
        let payloadByteCount = records.reduce(0) { $0 + $1.encodedBytes().count }
        #expect(frame.count == RecordFrameWriter.headerByteCount + payloadByteCount)
        #expect(Array(frame[0..<4]) == Array(UInt32(payloadByteCount).encodedBytes()))
        #expect(Array(frame[4..<8]) == Array(UInt32(1000).encodedBytes()))
        #expect(try RecordFrameReader.decodeAll(frame, as: KeyValue<String, Int>.self) == records)
        // The writer starts a new empty frame after finishing.
        #expect(writer.recordCount == 0)
        #expect(try RecordFrameReader.decodeAll(writer.finish(), as: Int.self) == [])
    }

    @Test func concatenatedFramesAreReadLazilyOneAfterAnother() throws {
        let first = sampleRecords(count: 10, seed: 31)
        let second = sampleRecords(count: 3, seed: 32)
        var writer = RecordFrameWriter()
        writer.append(contentsOf: first)
        var file = writer.finish()
        writer.append(contentsOf: second)
        file += writer.finish()
        var decoded: [[KeyValue<String, Int>]] = []
        try file.withUnsafeBytes { raw throws in
            var start = 0
            while start < raw.count {
                var frame = try RecordFrameReader(UnsafeRawBufferPointer(rebasing: raw[start...]))
                var records: [KeyValue<String, Int>] = []
                while let record = try frame.next(KeyValue<String, Int>.self) { records.append(record) }
                decoded.append(records)
                start += frame.frameByteCount
            }
        }
        #expect(decoded == [first, second])
    }

    @Test func corruptionIsDetected() {
        var writer = RecordFrameWriter()
        writer.append(contentsOf: sampleRecords(count: 20, seed: 33))
        let frame = writer.finish()

        var flipped = frame
        flipped[40] ^= 0x10
        do {
            _ = try RecordFrameReader.decodeAll(flipped, as: KeyValue<String, Int>.self)
            Issue.record("a corrupted frame decoded")
        } catch {
            #expect(error.fault == .data)
            #expect(error.message.hasPrefix("record frame checksum mismatch"))
        }

        #expect(throws: SluiceError.data("truncated record at byte 12", at: SourceLocation(byteOffset: 12))) {
            try RecordFrameReader.decodeAll(Array(frame.dropLast()), as: KeyValue<String, Int>.self)
        }
        #expect(throws: SluiceError.data("truncated record at byte 8", at: SourceLocation(byteOffset: 8))) {
            try RecordFrameReader.decodeAll(Array(frame[0..<10]), as: KeyValue<String, Int>.self)
        }
        // Reading the records as a shorter type leaves bytes over, which is reported.
        var intWriter = RecordFrameWriter()
        intWriter.append(KeyValue(1, 2))
        #expect(throws: SluiceError.data("8 bytes left after the last record of the frame", at: SourceLocation(byteOffset: 20))) {
            try RecordFrameReader.decodeAll(intWriter.finish(), as: Int.self)
        }
    }
}
