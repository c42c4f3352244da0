#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore
import Streaming

/// Helpers shared by the topic store tests.
enum TopicStoreTesting {
    /// Test settings: batched syncs where a test does not check durability, a manual clock,
    /// and small index intervals so indexes are exercised.
    static func configuration(clock: ManualWallClock = ManualWallClock(startMillis: 1_000_000), tier: LogTier? = nil, batched: Bool = false)
        -> TopicStoreConfiguration
    {
        TopicStoreConfiguration(
            flushPolicy: batched ? .batched(intervalMillis: 1_000_000, unsyncedBytesMax: 1 << 30) : .everyAppend,
            indexIntervalBytes: 256, clock: clock, tier: tier)
    }

    /// Seeded keyed and unkeyed records with distinct values (the index is in the first bytes).
    static func records(count: Int, seed: UInt64, startMillis: Int64 = 1_000_000, keyCount: Int = 23, unkeyedEvery: Int = 4) -> [LogRecord] {
        var random = SeededRandomGenerator(seed: seed)
        return (0..<count).map { index in
            let padding = (0..<Int.random(in: 0...30, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let value = Array("record-\(index)|".utf8) + padding
            let key: [UInt8]? = index % unkeyedEvery == 0 ? nil : Array("user-\(Int.random(in: 0..<keyCount, using: &random))".utf8)
            return LogRecord(timestampMillis: startMillis + Int64(index) * 10, key: key, value: value)
        }
    }

    /// Produces `records` in seeded batches of 1 to `batchCountMax` records, as many producers
    /// would, so partitions get many batches and segments.
    static func produceInBatches(_ store: TopicStore, topic: String, _ records: [LogRecord], seed: UInt64, batchCountMax: Int = 30) throws
        -> [RecordPosition]
    {
        var random = SeededRandomGenerator(seed: seed)
        var positions: [RecordPosition] = []
        var start = 0
        while start < records.count {
            let end = min(records.count, start + Int.random(in: 1...batchCountMax, using: &random))
            positions += try store.produce(topic: topic, records: Array(records[start..<end]))
            start = end
        }
        return positions
    }

    /// Every record of a partition from `offset` on, fetched in small pieces.
    static func fetchAll(_ store: TopicStore, topic: String, partition: Int, from offset: Int64 = 0, maxBytes: Int = 700) throws -> [StoredRecord] {
        var all: [StoredRecord] = []
        var next = offset
        while true {
            let fetched = try store.fetch(topic: topic, partition: partition, fromOffset: next, maxBytes: maxBytes)
            all += fetched.records
            if fetched.nextOffset == fetched.partitionEndOffset { return all }
            precondition(fetched.nextOffset > next, "a fetch made no progress")
            next = fetched.nextOffset
        }
    }

    /// Whether `stored` (one partition, in offset order) is exactly the records produced to that
    /// partition at `positions`, in order.
    static func matches(_ stored: [StoredRecord], produced records: [LogRecord], positions: [RecordPosition], partition: Int,
                        from offset: Int64 = 0) -> Bool
    {
        let expected = zip(records, positions).filter { $0.1.partition == partition && $0.1.offset >= offset }.sorted { $0.1.offset < $1.1.offset }
        guard expected.count == stored.count else { return false }
        return zip(expected, stored).allSatisfy { pair, record in
            record.offset == pair.1.offset && record.value == pair.0.value && record.key == pair.0.key
                && record.timestampMillis == pair.0.timestampMillis
        }
    }

    /// The names in a local folder, sorted.
    static func fileNames(in path: String) -> [String] {
        ((try? LocalFileSystem().list(path)) ?? []).map(\.name)
    }
}

/// A store folder and a tier folder, removed together, for the tiering tests.
struct TieredStoreFolders {
    let store = TemporaryLogDirectory()
    let tierRoot = TemporaryLogDirectory()
    /// The tier: `tierRoot` or a folder in it.
    let tier: LogTier

    init(tierSubfolder: String? = nil) {
        tier = LogTier(fileSystem: LocalFileSystem(), directory: tierRoot.path + (tierSubfolder.map { "/" + $0 } ?? ""))
    }

    func remove() {
        store.remove()
        tierRoot.remove()
    }
}
