import SluiceCore
import Streaming
import Testing

@Suite("PartitionLog")
struct PartitionLogTests {
    static let smallSegments = PartitionLogConfiguration(segmentBytesMax: 4096, indexIntervalBytes: 256)

    @Test("appended records read back across many segments")
    func roundTripAcrossSegments() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let records = SeededRecords.make(count: 2000, seed: 1)
        let log = try PartitionLog(directory: directory.path, configuration: Self.smallSegments)
        try SeededRecords.append(records, to: log, seed: 2)
        #expect(log.segmentCount > 10)
        #expect(log.startOffset == 0)
        #expect(log.endOffset == 2000)
        let stored = try log.read(from: 0, maxBytes: .max)
        #expect(stored.count == 2000)
        #expect(SeededRecords.matches(stored, records, from: 0))
        #expect(try log.read(from: 2000, maxBytes: .max).isEmpty)
    }

    @Test("a read from the middle starts at the asked offset and stops near maxBytes")
    func readFromMiddle() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let records = SeededRecords.make(count: 1500, seed: 3)
        let log = try PartitionLog(directory: directory.path, configuration: Self.smallSegments)
        try SeededRecords.append(records, to: log, seed: 4)
        for offset in [1, 77, 640, 1234, 1499] {
            let stored = try log.read(from: Int64(offset), maxBytes: 600)
            #expect(!stored.isEmpty)
            #expect(stored.first?.offset == Int64(offset))
            #expect(SeededRecords.matches(stored, records, from: offset))
            let bytes = stored.reduce(0) { $0 + 16 + ($1.key?.count ?? 0) + $1.value.count }
            #expect(bytes <= 600 || stored.count == 1)
        }
        #expect(try log.read(from: 5, maxBytes: 0).count == 1)
    }

    @Test("offset for a timestamp is the first record at or after it")
    func offsetForTimestamp() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let records = SeededRecords.make(count: 1500, seed: 5)
        let log = try PartitionLog(directory: directory.path, configuration: Self.smallSegments)
        try SeededRecords.append(records, to: log, seed: 6)
        var random = SeededRandomGenerator(seed: 7)
        let newest = records.map(\.timestampMillis).max()!
        for _ in 0..<60 {
            let timestamp = Int64.random(in: 999_900...(newest + 10), using: &random)
            let expected = records.firstIndex { $0.timestampMillis >= timestamp }.map(Int64.init)
            #expect(try log.offset(forTimestamp: timestamp) == expected)
        }
    }

    @Test("reopening keeps offsets and data, and appends continue after them")
    func reopenKeepsData() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let records = SeededRecords.make(count: 900, seed: 8)
        do {
            let log = try PartitionLog(directory: directory.path, configuration: Self.smallSegments)
            try SeededRecords.append(Array(records[..<600]), to: log, seed: 9)
        }
        let reopened = try PartitionLog(directory: directory.path, configuration: Self.smallSegments)
        #expect(reopened.endOffset == 600)
        #expect(try reopened.append(Array(records[600...])) == 600..<900)
        #expect(SeededRecords.matches(try reopened.read(from: 0, maxBytes: .max), records, from: 0))
        #expect(try reopened.offset(forTimestamp: records[700].timestampMillis) ?? 0 <= 700)
    }

    @Test("a batched flush policy keeps data that sync() made durable")
    func batchedFlush() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let clock = ManualWallClock(startMillis: 0)
        var configuration = Self.smallSegments
        configuration.flushPolicy = .batched(intervalMillis: 100, unsyncedBytesMax: 1 << 20)
        configuration.clock = clock
        let records = SeededRecords.make(count: 300, seed: 10)
        do {
            let log = try PartitionLog(directory: directory.path, configuration: configuration)
            try SeededRecords.append(Array(records[..<150]), to: log, seed: 11)
            clock.advance(byMillis: 150)
            try SeededRecords.append(Array(records[150...]), to: log, seed: 12, firstOffset: 150)
            try log.sync()
        }
        let reopened = try PartitionLog(directory: directory.path, configuration: configuration)
        #expect(SeededRecords.matches(try reopened.read(from: 0, maxBytes: .max), records, from: 0))
    }
}
