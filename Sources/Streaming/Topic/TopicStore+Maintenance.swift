import SluiceCore

extension TopicStore {
    /// Deletes old segments of every partition of every topic by the topic's `retentionMillis`
    /// (judged against the store's clock) and `retentionBytesPerPartitionMax`, tiered segments
    /// included; never a partition's active segment.
    /// - Returns: the number of segments deleted.
    /// - Throws: `SluiceError.io` when a file cannot be deleted; partitions after it are not visited.
    @discardableResult
    public func applyRetention() throws -> Int {
        let nowMillis = configuration.clock.nowMillis()
        var deletedCount = 0
        for topic in try allTopics() {
            for log in topic.partitions { deletedCount += try log.applyRetention(nowMillis: nowMillis).count }
        }
        return deletedCount
    }

    /// Moves every closed segment of every partition to the tier file system
    /// (`<tier>/<topic>/<partition>/`), then deletes its local files. Fetches of those offsets
    /// read from the tier.
    /// - Returns: the number of segments moved.
    /// - Throws: `SluiceError.userInput` when the store has no tier; `SluiceError.io` when a copy fails.
    @discardableResult
    public func tierClosedSegments() throws -> Int {
        guard configuration.tier != nil else {
            throw SluiceError.userInput("the topic store in '\(directory)' has no tier configured")
        }
        var movedCount = 0
        for topic in try allTopics() {
            for log in topic.partitions { movedCount += try log.tierClosedSegments() }
        }
        return movedCount
    }

    /// Forces every partition's appended records to stable storage (for the batched flush policy).
    /// - Throws: `SluiceError.io` when a sync fails.
    public func sync() throws {
        for topic in try allTopics() {
            for log in topic.partitions { try log.sync() }
        }
    }

    /// Syncs every partition and closes the store: later calls throw a user error. Files close
    /// when the last call still using a partition returns. A failed final sync is logged; call
    /// `sync()` first to see it as an error.
    public func close() {
        for topic in takeTopicsForClose() {
            for log in topic.partitions {
                do {
                    try log.sync()
                } catch {
                    logger.error("cannot sync a partition while closing", metadata: ["directory": "\(log.directory)", "error": "\(error)"])
                }
            }
        }
        releaseFolderLock()
    }
}
