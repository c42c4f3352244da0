import SluiceCore
import Streaming
import Testing

@Suite("PartitionLog recovery")
struct PartitionLogRecoveryTests {
    @Test("a torn last batch is cut off and the log goes on from the last full batch")
    func tornTailRecovers() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let configuration = PartitionLogConfiguration(segmentBytesMax: 1 << 20, indexIntervalBytes: 256)
        let records = SeededRecords.make(count: 400, seed: 20)
        let path = directory.segmentLogPath(baseOffset: 0)
        var sizeBeforeLastBatch = 0
        do {
            let log = try PartitionLog(directory: directory.path, configuration: configuration)
            try log.append(Array(records[..<390]))
            sizeBeforeLastBatch = FileDamage.size(of: path)
            try log.append(Array(records[390...]))
        }
        FileDamage.truncate(path, toBytes: sizeBeforeLastBatch + (FileDamage.size(of: path) - sizeBeforeLastBatch) / 2)
        let reopened = try PartitionLog(directory: directory.path, configuration: configuration)
        #expect(reopened.endOffset == 390)
        #expect(FileDamage.size(of: path) == sizeBeforeLastBatch)
        #expect(SeededRecords.matches(try reopened.read(from: 0, maxBytes: .max), records, from: 0))
        #expect(try reopened.append(Array(records[390...])) == 390..<400)
        #expect(try reopened.read(from: 0, maxBytes: .max).count == 400)
    }

    @Test("a torn tail with many index points recovers to the last full batch")
    func tornTailAmongIndexedBatches() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let configuration = PartitionLogConfiguration(segmentBytesMax: 1 << 20, indexIntervalBytes: 64)
        let records = SeededRecords.make(count: 500, seed: 21)
        let path = directory.segmentLogPath(baseOffset: 0)
        do {
            let log = try PartitionLog(directory: directory.path, configuration: configuration)
            try SeededRecords.append(records, to: log, seed: 22)
        }
        FileDamage.truncate(path, toBytes: FileDamage.size(of: path) - 3)
        let reopened = try PartitionLog(directory: directory.path, configuration: configuration)
        let end = Int(reopened.endOffset)
        #expect(end < 500 && end > 450)
        #expect(SeededRecords.matches(try reopened.read(from: 0, maxBytes: .max), records, from: 0))
        #expect(try reopened.read(from: Int64(end - 1), maxBytes: .max).count == 1)
    }

    @Test("a flipped byte in an older segment is a data error naming the file and byte offset")
    func flippedByteInOlderSegment() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let configuration = PartitionLogConfiguration(segmentBytesMax: 4096, indexIntervalBytes: 256)
        let records = SeededRecords.make(count: 1000, seed: 23)
        do {
            let log = try PartitionLog(directory: directory.path, configuration: configuration)
            try SeededRecords.append(records, to: log, seed: 24)
        }
        let path = directory.segmentLogPath(baseOffset: 0)
        let flipped = FileDamage.size(of: path) / 2
        FileDamage.flipByte(path, at: flipped)
        let reopened = try PartitionLog(directory: directory.path, configuration: configuration)
        let error = #expect(throws: SluiceError.self) { try reopened.read(from: 0, maxBytes: .max) }
        #expect(error?.fault == .data)
        #expect(error?.location?.file == path)
        #expect((error?.location?.byteOffset ?? .max) <= flipped)
        #expect((error?.location?.byteOffset ?? 0) > 0)
    }

    @Test("a flipped byte before the last batch of the active segment stops the open")
    func flippedByteInActiveSegment() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let configuration = PartitionLogConfiguration(segmentBytesMax: 1 << 20, indexIntervalBytes: 1 << 20)
        let records = SeededRecords.make(count: 300, seed: 25)
        let path = directory.segmentLogPath(baseOffset: 0)
        do {
            let log = try PartitionLog(directory: directory.path, configuration: configuration)
            try SeededRecords.append(records, to: log, seed: 26)
        }
        let flipped = FileDamage.size(of: path) / 2
        FileDamage.flipByte(path, at: flipped)
        let error = #expect(throws: SluiceError.self) { try PartitionLog(directory: directory.path, configuration: configuration) }
        #expect(error?.fault == .data)
        #expect(error?.location?.file == path)
        #expect((error?.location?.byteOffset ?? .max) <= flipped)
    }

    @Test("damaged or missing index files are rebuilt from the log")
    func indexesRebuilt() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let configuration = PartitionLogConfiguration(segmentBytesMax: 1 << 20, indexIntervalBytes: 128)
        let records = SeededRecords.make(count: 600, seed: 27)
        do {
            let log = try PartitionLog(directory: directory.path, configuration: configuration)
            try SeededRecords.append(records, to: log, seed: 28)
        }
        let logPath = directory.segmentLogPath(baseOffset: 0)
        let indexPath = String(logPath.dropLast(4)) + ".index"
        let timeIndexPath = String(logPath.dropLast(4)) + ".timeindex"
        let indexSize = FileDamage.size(of: indexPath)
        #expect(indexSize > 8 * 10)
        FileDamage.flipByte(indexPath, at: indexSize - 3)
        FileDamage.truncate(timeIndexPath, toBytes: 12 * 5 + 7)
        let reopened = try PartitionLog(directory: directory.path, configuration: configuration)
        #expect(reopened.endOffset == 600)
        #expect(FileDamage.size(of: indexPath) == indexSize)
        #expect(FileDamage.size(of: timeIndexPath) == indexSize / 8 * 12)
        for offset in [0, 333, 599] {
            #expect(SeededRecords.matches(try reopened.read(from: Int64(offset), maxBytes: 100), records, from: offset))
        }
        let timestamp = records[450].timestampMillis
        #expect(try reopened.offset(forTimestamp: timestamp) == records.firstIndex { $0.timestampMillis >= timestamp }.map(Int64.init))
    }
}
