import SluiceCore

extension TopicStore {
    /// Deletes a topic. Its settings file goes first, so a crash part way leaves a folder that
    /// is not a topic (ignored on open, replaced by a create); then its partitions, its tiered
    /// segments and the consumer groups' offsets for it. Reads already running finish on the
    /// files they have open.
    /// - Throws: `SluiceError` (user input, condition `.notFound`) for an unknown topic;
    ///   `SluiceError.io` when files cannot be removed.
    public func deleteTopic(_ name: String) throws {
        try removeTopic(named: name) { topic in
            let local = LocalFileSystem()
            let folder = topicDirectory(name)
            try local.delete(folder + "/topic.json", recursive: false)
            try AtomicFileWrite.syncDirectory(folder)
            try local.delete(folder, recursive: true)
            try AtomicFileWrite.syncDirectory(topicsDirectory)
            if let tier = configuration.tier {
                let tiered = tier.directory + "/" + name
                if tier.fileSystem.exists(tiered) { try tier.fileSystem.delete(tiered, recursive: true) }
            }
            try groupOffsetsLock.withLock {
                for group in try local.list(groupsDirectory) where group.isDirectory {
                    let path = offsetsPath(group: group.name, topic: name)
                    if local.exists(path) { try local.delete(path, recursive: false) }
                }
            }
            logger.info("deleted a topic", metadata: ["topic": "\(name)", "partitions": "\(topic.partitions.count)"])
        }
    }
}
