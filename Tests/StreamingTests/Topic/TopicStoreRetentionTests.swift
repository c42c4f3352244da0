import SluiceCore
import Streaming
import Testing

@Suite("TopicStore retention and tiering")
struct TopicStoreRetentionTests {
    @Test("retention by size keeps each partition under its bound and fetch names the new start")
    func retentionBySize() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration(batched: true))
        try store.createTopic("sized", configuration: TopicConfiguration(partitionCount: 2, retentionBytesPerPartitionMax: 8_000, segmentBytesMax: 2048))
        try store.createTopic("kept", configuration: TopicConfiguration(partitionCount: 1, segmentBytesMax: 2048))
        let records = TopicStoreTesting.records(count: 1200, seed: 10)
        let positions = try TopicStoreTesting.produceInBatches(store, topic: "sized", records, seed: 101)
        _ = try TopicStoreTesting.produceInBatches(store, topic: "kept", records, seed: 102)
        let deleted = try store.applyRetention()
        #expect(deleted > 0)
        #expect(try store.applyRetention() == 0)
        let kept = try store.describeTopic("kept")
        #expect(kept.partitions[0].startOffset == 0)
        let description = try store.describeTopic("sized")
        for partition in description.partitions {
            #expect(partition.sizeBytes <= 8_000)
            #expect(partition.startOffset > 0)
            let error = #expect(throws: SluiceError.self) {
                try store.fetch(topic: "sized", partition: partition.partition, fromOffset: partition.startOffset - 1, maxBytes: 100)
            }
            #expect(error?.condition == .notFound)
            #expect(error?.message.contains("removed by retention") == true)
            #expect(error?.message.contains("offset \(partition.startOffset)") == true)
            let stored = try TopicStoreTesting.fetchAll(store, topic: "sized", partition: partition.partition, from: partition.startOffset)
            #expect(TopicStoreTesting.matches(stored, produced: records, positions: positions, partition: partition.partition, from: partition.startOffset))
        }
    }

    @Test("retention by age follows the injected clock")
    func retentionByAge() throws {
        let directory = TemporaryLogDirectory()
        defer { directory.remove() }
        let clock = ManualWallClock(startMillis: 1_000_000)
        let store = try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration(clock: clock, batched: true))
        try store.createTopic("aged", configuration: TopicConfiguration(partitionCount: 1, retentionMillis: 5_000, segmentBytesMax: 1024))
        // Timestamps 1_000_000 to 1_019_990, ten apart.
        let records = (0..<2000).map { LogRecord(timestampMillis: 1_000_000 + Int64($0) * 10, value: Array("value \($0)".utf8)) }
        _ = try TopicStoreTesting.produceInBatches(store, topic: "aged", records, seed: 103)
        clock.advance(byMillis: 5_000)
        #expect(try store.applyRetention() == 0, "nothing is older than 5 s at 1_005_000")
        clock.advance(byMillis: 10_000)
        #expect(try store.applyRetention() > 0)
        let partition = try store.describeTopic("aged").partitions[0]
        // Every record before the start is older than the bound; the segment holding the start has a record within it.
        let startRecords = try store.fetch(topic: "aged", partition: 0, fromOffset: partition.startOffset, maxBytes: 1 << 20).records
        #expect(startRecords.contains { $0.timestampMillis >= 1_010_000 })
        #expect(records[Int(partition.startOffset) - 1].timestampMillis < 1_010_000)
        clock.advance(byMillis: 1_000_000)
        #expect(try store.applyRetention() > 0)
        let last = try store.describeTopic("aged").partitions[0]
        #expect(last.segmentCount == 1, "the active segment is never deleted")
        #expect(last.endOffset == 2000)
    }

    @Test("tiered segments stay readable, also across tiered and local segments, and after reopen")
    func tiering() throws {
        let folders = TieredStoreFolders(tierSubfolder: "tier")
        defer { folders.remove() }
        let (directory, tier) = (folders.store, folders.tier)
        let clock = ManualWallClock(startMillis: 1_000_000)
        let configuration = TopicStoreTesting.configuration(clock: clock, tier: tier, batched: true)
        let records = TopicStoreTesting.records(count: 1500, seed: 20)
        let more = TopicStoreTesting.records(count: 300, seed: 21, startMillis: 2_000_000)
        var positions: [RecordPosition] = []
        do {
            let store = try TopicStore(directory: directory.path, configuration: configuration)
            try store.createTopic("tiered", configuration: TopicConfiguration(partitionCount: 2, segmentBytesMax: 2048))
            positions = try TopicStoreTesting.produceInBatches(store, topic: "tiered", records, seed: 104)
            let before = try store.describeTopic("tiered")
            let moved = try store.tierClosedSegments()
            #expect(moved == before.partitions.reduce(0) { $0 + $1.segmentCount - 1 })
            #expect(try store.tierClosedSegments() == 0)
            let after = try store.describeTopic("tiered")
            for (old, new) in zip(before.partitions, after.partitions) {
                #expect(new.tieredSegmentCount == old.segmentCount - 1)
                #expect(new.segmentCount == old.segmentCount)
                #expect(new.startOffset == 0 && new.endOffset == old.endOffset && new.sizeBytes == old.sizeBytes)
                let localLogs = TopicStoreTesting.fileNames(in: directory.path + "/topics/tiered/\(new.partition)").filter { $0.hasSuffix(".log") }
                #expect(localLogs.count == 1)
                let tierLogs = TopicStoreTesting.fileNames(in: tier.directory + "/tiered/\(new.partition)").filter { $0.hasSuffix(".log") }
                #expect(tierLogs.count == new.tieredSegmentCount)
            }
            // Appends go on after tiering, into local segments.
            positions += try TopicStoreTesting.produceInBatches(store, topic: "tiered", more, seed: 105)
            for partition in 0..<2 {
                let stored = try TopicStoreTesting.fetchAll(store, topic: "tiered", partition: partition)
                #expect(TopicStoreTesting.matches(stored, produced: records + more, positions: positions, partition: partition))
                let middle = stored[stored.count / 3]
                #expect(try store.offset(topic: "tiered", partition: partition, forTimestampMillis: middle.timestampMillis) <= middle.offset)
                let fromMiddle = try store.fetch(topic: "tiered", partition: partition, fromOffset: middle.offset, maxBytes: 1)
                #expect(fromMiddle.records == [middle])
            }
            try store.tierClosedSegments()
            try store.sync()
            store.close()
        }

        let withoutTier = #expect(throws: SluiceError.self) {
            try TopicStore(directory: directory.path, configuration: TopicStoreTesting.configuration(clock: clock))
        }
        #expect(withoutTier?.message.contains("no tier is configured") == true)

        let reopened = try TopicStore(directory: directory.path, configuration: configuration)
        let description = try reopened.describeTopic("tiered")
        for partition in 0..<2 {
            #expect(description.partitions[partition].tieredSegmentCount > 0)
            let stored = try TopicStoreTesting.fetchAll(reopened, topic: "tiered", partition: partition)
            #expect(TopicStoreTesting.matches(stored, produced: records + more, positions: positions, partition: partition))
            let firstOfMore = zip(more, positions.suffix(more.count)).filter { $0.1.partition == partition }.map(\.1.offset).min()!
            #expect(try reopened.offset(topic: "tiered", partition: partition, forTimestampMillis: 2_000_000) == firstOfMore)
        }

    }

    @Test("retention deletes tiered segments, from the tier and the manifest")
    func retentionOfTieredSegments() throws {
        let folders = TieredStoreFolders()
        defer { folders.remove() }
        let (directory, tierDirectory, tier) = (folders.store, folders.tierRoot, folders.tier)
        let clock = ManualWallClock(startMillis: 1_000_000)
        let configuration = TopicStoreTesting.configuration(clock: clock, tier: tier, batched: true)
        let old = TopicStoreTesting.records(count: 1000, seed: 22, startMillis: 1_000_000)
        let recent = TopicStoreTesting.records(count: 1000, seed: 23, startMillis: 1_100_000)
        let store = try TopicStore(directory: directory.path, configuration: configuration)
        try store.createTopic("aging", configuration: TopicConfiguration(partitionCount: 1, retentionMillis: 50_000, segmentBytesMax: 2048))
        let oldPositions = try TopicStoreTesting.produceInBatches(store, topic: "aging", old, seed: 106)
        try store.tierClosedSegments()
        let recentPositions = try TopicStoreTesting.produceInBatches(store, topic: "aging", recent, seed: 107)
        let tieredBefore = try store.describeTopic("aging").partitions[0].tieredSegmentCount
        #expect(tieredBefore > 0)

        // At 1_110_000 the old records (up to 1_009_990) are more than 50 s old, the recent ones not.
        clock.advance(byMillis: 110_000)
        let deleted = try store.applyRetention()
        #expect(deleted >= tieredBefore)
        let partition = try store.describeTopic("aging").partitions[0]
        #expect(partition.tieredSegmentCount == 0)
        #expect(TopicStoreTesting.fileNames(in: tierDirectory.path + "/aging/0").isEmpty)
        #expect(partition.startOffset <= recentPositions[0].offset)
        #expect(partition.startOffset > oldPositions[oldPositions.count / 2].offset)
        store.close()

        let reopened = try TopicStore(directory: directory.path, configuration: configuration)
        let again = try reopened.describeTopic("aging").partitions[0]
        #expect(again == partition)
        let stored = try TopicStoreTesting.fetchAll(reopened, topic: "aging", partition: 0, from: again.startOffset)
        #expect(TopicStoreTesting.matches(stored, produced: old + recent, positions: oldPositions + recentPositions, partition: 0, from: again.startOffset))
    }

    @Test("retention by size counts tiered bytes and deletes the oldest tiered segments first")
    func sizeRetentionOfTieredSegments() throws {
        let folders = TieredStoreFolders()
        defer { folders.remove() }
        let (directory, tierDirectory, tier) = (folders.store, folders.tierRoot, folders.tier)
        let configuration = TopicStoreTesting.configuration(tier: tier, batched: true)
        let store = try TopicStore(directory: directory.path, configuration: configuration)
        try store.createTopic("bounded", configuration: TopicConfiguration(partitionCount: 1, retentionBytesPerPartitionMax: 10_000, segmentBytesMax: 2048))
        let records = TopicStoreTesting.records(count: 1500, seed: 24)
        let positions = try TopicStoreTesting.produceInBatches(store, topic: "bounded", records, seed: 108)
        try store.tierClosedSegments()
        let before = try store.describeTopic("bounded").partitions[0]
        #expect(try store.applyRetention() > 0)
        let after = try store.describeTopic("bounded").partitions[0]
        #expect(after.sizeBytes <= 10_000)
        #expect(after.tieredSegmentCount > 0 && after.tieredSegmentCount < before.tieredSegmentCount)
        let tierLogs = TopicStoreTesting.fileNames(in: tierDirectory.path + "/bounded/0").filter { $0.hasSuffix(".log") }
        #expect(tierLogs.count == after.tieredSegmentCount)
        let stored = try TopicStoreTesting.fetchAll(store, topic: "bounded", partition: 0, from: after.startOffset)
        #expect(TopicStoreTesting.matches(stored, produced: records, positions: positions, partition: 0, from: after.startOffset))
    }

    @Test("a segment both tiered and still local after a crash is read from the tier, and the local copy deleted")
    func crashBetweenManifestAndLocalDelete() throws {
        let folders = TieredStoreFolders()
        defer { folders.remove() }
        let (directory, tierDirectory, tier) = (folders.store, folders.tierRoot, folders.tier)
        let configuration = TopicStoreTesting.configuration(tier: tier, batched: true)
        let records = TopicStoreTesting.records(count: 400, seed: 25)
        var positions: [RecordPosition] = []
        do {
            let store = try TopicStore(directory: directory.path, configuration: configuration)
            try store.createTopic("copied", configuration: TopicConfiguration(partitionCount: 1, segmentBytesMax: 2048))
            positions = try TopicStoreTesting.produceInBatches(store, topic: "copied", records, seed: 26)
            #expect(try store.tierClosedSegments() > 1)
            try store.sync()
            store.close()
        }
        let local = LocalFileSystem()
        let partitionFolder = directory.path + "/topics/copied/0"
        let tierFolder = tierDirectory.path + "/copied/0"
        for name in TopicStoreTesting.fileNames(in: tierFolder) {
            try local.write(try local.readAll(tierFolder + "/" + name), to: partitionFolder + "/" + name)
        }
        let reopened = try TopicStore(directory: directory.path, configuration: configuration)
        let partition = try reopened.describeTopic("copied").partitions[0]
        #expect(partition.segmentCount == partition.tieredSegmentCount + 1)
        #expect(TopicStoreTesting.fileNames(in: partitionFolder).filter { $0.hasSuffix(".log") }.count == 1)
        let stored = try TopicStoreTesting.fetchAll(reopened, topic: "copied", partition: 0)
        #expect(TopicStoreTesting.matches(stored, produced: records, positions: positions, partition: 0))
    }

    @Test("a damaged tier manifest stops the store from opening and names the file")
    func damagedManifest() throws {
        let folders = TieredStoreFolders()
        defer { folders.remove() }
        let directory = folders.store
        let configuration = TopicStoreTesting.configuration(tier: folders.tier, batched: true)
        do {
            let store = try TopicStore(directory: directory.path, configuration: configuration)
            try store.createTopic("fragile", configuration: TopicConfiguration(partitionCount: 1, segmentBytesMax: 2048))
            _ = try TopicStoreTesting.produceInBatches(store, topic: "fragile", TopicStoreTesting.records(count: 300, seed: 27), seed: 28)
            #expect(try store.tierClosedSegments() > 0)
            store.close()
        }
        let manifestPath = directory.path + "/topics/fragile/0/tiered-segments"
        FileDamage.flipByte(manifestPath, at: 30)
        let error = #expect(throws: SluiceError.self) { try TopicStore(directory: directory.path, configuration: configuration) }
        #expect(error?.fault == .data)
        #expect(error?.location?.file == manifestPath)
    }
}
