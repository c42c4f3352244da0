import SluiceCore
import Streaming
import Testing

@Suite("PartitionLog retention")
struct PartitionLogRetentionTests {
    @Test("retention by size deletes the oldest segments, never the active one")
    func retentionBySize() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let configuration = PartitionLogConfiguration(segmentBytesMax: 4096, indexIntervalBytes: 256, retentionBytesMax: 10_000)
        let records = SeededRecords.make(count: 2000, seed: 30)
        let log = try PartitionLog(directory: directory.path, configuration: configuration)
        try SeededRecords.append(records, to: log, seed: 31)
        let deleted = try log.applyRetention(nowMillis: 0)
        #expect(!deleted.isEmpty)
        #expect(log.sizeBytes <= 10_000)
        #expect(deleted == deleted.sorted())
        #expect(log.startOffset > deleted.last ?? .max)
        #expect(log.endOffset == 2000)
        let start = Int(log.startOffset)
        #expect(SeededRecords.matches(try log.read(from: log.startOffset, maxBytes: .max), records, from: start))
        let error = #expect(throws: SluiceError.self) { try log.read(from: 0, maxBytes: 10) }
        #expect(error?.condition == .notFound)

        let tiny = PartitionLogConfiguration(segmentBytesMax: 4096, indexIntervalBytes: 256, retentionBytesMax: 0)
        let reopened = try PartitionLog(directory: directory.path, configuration: tiny)
        try reopened.applyRetention(nowMillis: 0)
        #expect(reopened.segmentCount == 1)
        #expect(reopened.endOffset == 2000)
    }

    @Test("retention by age deletes segments whose newest record is too old")
    func retentionByAge() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let configuration = PartitionLogConfiguration(segmentBytesMax: 4096, indexIntervalBytes: 256, retentionMillis: 5_000)
        let records = SeededRecords.make(count: 2000, seed: 32)
        let log = try PartitionLog(directory: directory.path, configuration: configuration)
        try SeededRecords.append(records, to: log, seed: 33)
        let newest = records.map(\.timestampMillis).max()!
        #expect(try log.applyRetention(nowMillis: records[0].timestampMillis).isEmpty)
        let nowMillis = newest + 1_000
        try log.applyRetention(nowMillis: nowMillis)
        let start = Int(log.startOffset)
        #expect(start > 0)
        // Every deleted record is older than the cut; the segment kept first has a newer one.
        #expect(records[..<start].allSatisfy { $0.timestampMillis < nowMillis - 5_000 })
        let kept = try log.read(from: log.startOffset, maxBytes: .max)
        #expect(SeededRecords.matches(kept, records, from: start))
        #expect(try log.applyRetention(nowMillis: newest + 1_000_000).count >= 1)
        #expect(log.segmentCount == 1)
    }
}
