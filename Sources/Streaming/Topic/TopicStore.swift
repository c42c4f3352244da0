import Logging
import SluiceCore

/// The embedded topic store: every topic and consumer group in one local folder.
///
/// Layout: `DIR/topics/NAME/topic.json` holds a topic's `TopicConfiguration`,
/// `DIR/topics/NAME/<partition>/` its partition logs, and `DIR/groups/GROUP/TOPIC.json` a
/// consumer group's committed offsets for a topic. Opening the store finds every topic again;
/// each partition log recovers a torn tail on its own.
///
/// A keyed record goes to `TopicPartitioner.partition(forKey:partitionCount:)`; records without
/// a key go round robin, counted across the whole store. A produce appends one batch per
/// partition it touches, so it is atomic per partition but not across partitions.
///
/// One process at a time: opening a folder another process (or another open store) has open
/// fails at once with a message naming that process; the lock goes when the store is closed,
/// released, or its process dies.
///
/// Thread-safe: the store's own lock guards only the topic table and the round-robin counter;
/// appends and reads take the lock of the partition they touch, so producers to different
/// partitions run in parallel.
public final class TopicStore: TopicLog, @unchecked Sendable {
    // Sendable: `topics`, `unkeyedRecordCount` and `isClosed` are touched only under `lock`.
    private let lock = Mutex()
    /// Serializes consumer group commits, which read, merge and replace a file.
    let groupOffsetsLock = Mutex()
    public let directory: String
    public let configuration: TopicStoreConfiguration
    let logger = Logger(label: "sluice.streaming.topics")
    private var topics: [String: OpenTopic] = [:]
    /// Records without a key produced so far; the next one goes to this count modulo the
    /// topic's partition count.
    private var unkeyedRecordCount: UInt64 = 0
    private var isClosed = false
    /// Keeps other processes out of the folder while this store is open.
    private let folderLock: ProcessFileLock

    var topicsDirectory: String { directory + "/topics" }
    var groupsDirectory: String { directory + "/groups" }

    /// Opens the store in `directory`, creating it when missing, and every topic in it.
    /// - Throws: `SluiceError.userInput` for a bad configuration; `SluiceError.data` naming the
    ///   file for damaged topic settings or segments; `SluiceError.io` when the folder cannot be used.
    public init(directory: String, configuration: TopicStoreConfiguration = TopicStoreConfiguration()) throws {
        guard configuration.indexIntervalBytes > 0 else {
            throw SluiceError.userInput("indexIntervalBytes must be positive, not \(configuration.indexIntervalBytes)")
        }
        self.directory = directory
        self.configuration = configuration
        let local = LocalFileSystem()
        try local.makeDirectories(directory)
        guard let lock = try ProcessFileLock.take(directory + "/.lock") else {
            throw SluiceError.userInput(
                "the topic store in '\(directory)' is open in another process (pid \(ProcessFileLock.owner(of: directory + "/.lock"))); "
                + "talk to that process's broker with --broker HOST:PORT, or stop it first")
        }
        folderLock = lock
        try local.makeDirectories(topicsDirectory)
        try local.makeDirectories(groupsDirectory)
        for entry in try local.list(topicsDirectory) where entry.isDirectory {
            let name = entry.name
            let settingsPath = topicDirectory(name) + "/topic.json"
            guard (try? StreamNameRules.validate(name, kind: "topic")) != nil, local.exists(settingsPath) else {
                // A create that crashed before its settings were written leaves such a folder;
                // creating the topic again replaces it.
                logger.warning("ignoring a folder that is not a topic", metadata: ["path": "\(entry.path)"])
                continue
            }
            let topicConfiguration = try TopicConfiguration(parsingFile: try local.readAll(settingsPath), path: settingsPath)
            topics[name] = try openPartitions(of: name, configuration: topicConfiguration)
        }
    }

    deinit { folderLock.release() }

    /// Lets another store open the folder (after `close()`).
    func releaseFolderLock() { folderLock.release() }

    // MARK: - TopicLog

    @discardableResult
    public func createTopic(_ name: String, configuration topicConfiguration: TopicConfiguration) throws -> TopicDescription {
        try StreamNameRules.validate(name, kind: "topic")
        try topicConfiguration.validate()
        // Creation is rare; holding the lock through it keeps two creates of one name apart.
        let topic = try lock.withLock { () throws -> OpenTopic in
            try checkOpen()
            guard topics[name] == nil else {
                throw SluiceError(.userInput, "topic '\(name)' already exists", condition: .alreadyExists)
            }
            let local = LocalFileSystem()
            let folder = topicDirectory(name)
            try local.delete(folder, recursive: true)
            try local.makeDirectories(folder)
            let topic = try openPartitions(of: name, configuration: topicConfiguration)
            // The settings file is written last: a folder without it is not a topic.
            try AtomicFileWrite.replace(folder + "/topic.json", with: topicConfiguration.flatJSON.encoded())
            try AtomicFileWrite.syncDirectory(topicsDirectory)
            topics[name] = topic
            return topic
        }
        logger.info("created a topic", metadata: ["topic": "\(name)", "partitions": "\(topicConfiguration.partitionCount)"])
        return topic.describe()
    }

    public func topicNames() throws -> [String] {
        try lock.withLock {
            try checkOpen()
            return topics.keys.sorted()
        }
    }

    public func describeTopic(_ name: String) throws -> TopicDescription {
        try openTopic(named: name).describe()
    }

    public func produce(topic name: String, records: [LogRecord]) throws -> [RecordPosition] {
        let topic = try openTopic(named: name)
        guard !records.isEmpty else { return [] }
        let partitionCount = topic.partitions.count
        var unkeyedCount: UInt64 = 0
        for record in records where record.key == nil { unkeyedCount += 1 }
        var nextUnkeyed = unkeyedCount == 0 ? 0 : lock.withLock { () -> UInt64 in
            defer { unkeyedRecordCount &+= unkeyedCount }
            return unkeyedRecordCount
        }
        var partitionOfRecord = [Int](repeating: 0, count: records.count)
        var recordCountOfPartition = [Int](repeating: 0, count: partitionCount)
        for (index, record) in records.enumerated() {
            let partition: Int
            if let key = record.key {
                partition = TopicPartitioner.partition(forKey: key, partitionCount: partitionCount)
            } else {
                partition = Int(nextUnkeyed % UInt64(partitionCount))
                nextUnkeyed &+= 1
            }
            partitionOfRecord[index] = partition
            recordCountOfPartition[partition] += 1
        }
        var groups = recordCountOfPartition.map { count -> [LogRecord] in
            var group: [LogRecord] = []
            group.reserveCapacity(count)
            return group
        }
        for (index, record) in records.enumerated() { groups[partitionOfRecord[index]].append(record) }
        var firstOffsetOfPartition = [Int64](repeating: 0, count: partitionCount)
        for (partition, group) in groups.enumerated() where !group.isEmpty {
            firstOffsetOfPartition[partition] = try topic.partitions[partition].append(group).lowerBound
        }
        var placedCountOfPartition = [Int64](repeating: 0, count: partitionCount)
        return partitionOfRecord.map { partition in
            defer { placedCountOfPartition[partition] += 1 }
            return RecordPosition(partition: partition, offset: firstOffsetOfPartition[partition] + placedCountOfPartition[partition])
        }
    }

    public func fetch(topic name: String, partition: Int, fromOffset: Int64, maxBytes: Int) throws -> FetchedRecords {
        let log = try partitionLog(topic: name, partition: partition)
        switch try log.readBounded(from: fromOffset, maxBytes: maxBytes) {
        case .records(let records, let startOffset, let endOffset):
            return FetchedRecords(
                records: records, nextOffset: records.last.map { $0.offset + 1 } ?? fromOffset,
                partitionStartOffset: startOffset, partitionEndOffset: endOffset)
        case .beforeStart(let startOffset):
            throw SluiceError(
                .userInput,
                "offset \(fromOffset) of topic '\(name)' partition \(partition) was removed by retention; the partition starts at offset \(startOffset)",
                condition: .notFound)
        case .pastEnd(let endOffset):
            throw SluiceError.userInput(
                "offset \(fromOffset) of topic '\(name)' partition \(partition) is past the partition's end offset \(endOffset)")
        }
    }

    public func offset(topic name: String, partition: Int, forTimestampMillis timestampMillis: Int64) throws -> Int64 {
        let log = try partitionLog(topic: name, partition: partition)
        return try log.offset(forTimestamp: timestampMillis) ?? log.endOffset
    }

    // MARK: - Shared with the extensions

    /// The open topic called `name`.
    /// - Throws: `SluiceError` (user input, condition `.notFound`) naming the topic and any
    ///   close names; a user error when the store is closed.
    func openTopic(named name: String) throws -> OpenTopic {
        try lock.withLock {
            try checkOpen()
            if let topic = topics[name] { return topic }
            let close = StreamNameRules.closeMatches(to: name, in: Array(topics.keys))
            let hint = close.isEmpty ? "" : "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
            throw SluiceError(.userInput, "topic '\(name)' does not exist\(hint)", condition: .notFound)
        }
    }

    /// Takes the topic called `name` out of the store's table (later calls do not find it) and
    /// runs `body` with it while still holding the store's lock, so a create of the same name
    /// waits until `body` has removed the old files.
    /// - Throws: as `openTopic(named:)`, and what `body` throws.
    func removeTopic(named name: String, _ body: (OpenTopic) throws -> Void) throws {
        try lock.withLock {
            try checkOpen()
            guard let topic = topics[name] else {
                throw SluiceError(.userInput, "topic '\(name)' does not exist", condition: .notFound)
            }
            topics[name] = nil
            try body(topic)
        }
    }

    /// Every open topic, by name.
    func allTopics() throws -> [OpenTopic] {
        try lock.withLock {
            try checkOpen()
            return topics.keys.sorted().map { topics[$0]! }
        }
    }

    /// Marks the store closed and hands back the topics it had open.
    func takeTopicsForClose() -> [OpenTopic] {
        lock.withLock {
            isClosed = true
            defer { topics = [:] }
            return topics.keys.sorted().map { topics[$0]! }
        }
    }

    /// Checks that `partition` is one of the topic's partitions.
    /// - Throws: `SluiceError` (user input, condition `.notFound`) naming the valid range.
    func checkPartition(_ partition: Int, of topic: OpenTopic) throws {
        guard topic.partitions.indices.contains(partition) else {
            throw SluiceError(
                .userInput,
                "topic '\(topic.name)' has partitions 0 to \(topic.partitions.count - 1); partition \(partition) does not exist",
                condition: .notFound)
        }
    }

    private func partitionLog(topic name: String, partition: Int) throws -> PartitionLog {
        let topic = try openTopic(named: name)
        try checkPartition(partition, of: topic)
        return topic.partitions[partition]
    }

    func topicDirectory(_ name: String) -> String {
        topicsDirectory + "/" + name
    }

    private func checkOpen() throws {
        guard !isClosed else { throw SluiceError.userInput("the topic store in '\(directory)' is closed") }
    }

    private func openPartitions(of name: String, configuration topicConfiguration: TopicConfiguration) throws -> OpenTopic {
        let partitions = try (0..<topicConfiguration.partitionCount).map { partition in
            let logConfiguration = PartitionLogConfiguration(
                segmentBytesMax: topicConfiguration.segmentBytesMax,
                indexIntervalBytes: configuration.indexIntervalBytes,
                flushPolicy: configuration.flushPolicy,
                retentionBytesMax: topicConfiguration.retentionBytesPerPartitionMax,
                retentionMillis: topicConfiguration.retentionMillis,
                clock: configuration.clock,
                tier: configuration.tier.map { LogTier(fileSystem: $0.fileSystem, directory: $0.directory + "/" + name + "/" + String(partition)) })
            return try PartitionLog(directory: topicDirectory(name) + "/" + String(partition), configuration: logConfiguration)
        }
        return OpenTopic(name: name, configuration: topicConfiguration, partitions: partitions)
    }
}
