import SluiceCore
import Streaming
import Testing

@Suite("PartitionLog concurrency")
struct PartitionLogConcurrencyTests {
    @Test("appends from four threads get distinct contiguous offsets")
    func concurrentAppends() async throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let configuration = PartitionLogConfiguration(
            segmentBytesMax: 8192, indexIntervalBytes: 512, flushPolicy: .batched(intervalMillis: 1_000_000, unsyncedBytesMax: 1 << 30))
        let log = try PartitionLog(directory: directory.path, configuration: configuration)
        let appendsPerWriter = 150
        let ranges = try await withThrowingTaskGroup(of: [(writer: Int, sequence: Int, offsets: Range<Int64>)].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    var mine: [(writer: Int, sequence: Int, offsets: Range<Int64>)] = []
                    for sequence in 0..<appendsPerWriter {
                        let records = (0..<3).map { part in
                            LogRecord(timestampMillis: Int64(sequence), value: [UInt8(writer), UInt8(sequence & 0xFF), UInt8(part)])
                        }
                        mine.append((writer, sequence, try log.append(records)))
                    }
                    return mine
                }
            }
            var all: [(writer: Int, sequence: Int, offsets: Range<Int64>)] = []
            for try await part in group { all += part }
            return all
        }
        let sorted = ranges.sorted { $0.offsets.lowerBound < $1.offsets.lowerBound }
        #expect(sorted.count == 4 * appendsPerWriter)
        var next: Int64 = 0
        for range in sorted {
            #expect(range.offsets == next..<next + 3)
            next = range.offsets.upperBound
        }
        #expect(log.endOffset == next)
        let stored = try log.read(from: 0, maxBytes: .max)
        for range in sorted {
            for (part, offset) in range.offsets.enumerated() {
                #expect(stored[Int(offset)].value == [UInt8(range.writer), UInt8(range.sequence & 0xFF), UInt8(part)])
            }
        }
    }
}
