import SluiceCore

extension TopicStore {
    /// Stores `offsets` as the group's next offsets for those partitions of the topic, keeping
    /// what was committed for other partitions. The file is replaced atomically and synced
    /// before this returns.
    /// - Throws: `SluiceError.userInput` for an invalid group name, an unknown topic or
    ///   partition (condition `.notFound`) or a negative offset; `SluiceError.io` when the write fails.
    public func commitOffsets(group: String, topic name: String, offsets: [Int: Int64]) throws {
        try StreamNameRules.validate(group, kind: "consumer group")
        let topic = try openTopic(named: name)
        for (partition, offset) in offsets {
            try checkPartition(partition, of: topic)
            guard offset >= 0 else {
                throw SluiceError.userInput("consumer group '\(group)' cannot commit negative offset \(offset) for partition \(partition) of topic '\(name)'")
            }
        }
        guard !offsets.isEmpty else { return }
        try groupOffsetsLock.withLock {
            let local = LocalFileSystem()
            let folder = groupsDirectory + "/" + group
            if !local.exists(folder) {
                try local.makeDirectories(folder)
                try AtomicFileWrite.syncDirectory(groupsDirectory)
            }
            let path = offsetsPath(group: group, topic: name)
            var merged = try readOffsets(at: path)
            merged.merge(offsets) { _, new in new }
            let object = FlatJSONObject(merged.keys.sorted().map { (String($0), merged[$0]) })
            try AtomicFileWrite.replace(path, with: object.encoded())
        }
    }

    /// The group's committed next offsets per partition of the topic; empty when it committed none.
    /// - Throws: `SluiceError.userInput` for an invalid group name or unknown topic (condition
    ///   `.notFound`); `SluiceError.data` naming the file when it is damaged.
    public func committedOffsets(group: String, topic name: String) throws -> [Int: Int64] {
        try StreamNameRules.validate(group, kind: "consumer group")
        _ = try openTopic(named: name)
        return try readOffsets(at: offsetsPath(group: group, topic: name))
    }

    func offsetsPath(group: String, topic: String) -> String {
        groupsDirectory + "/" + group + "/" + topic + ".json"
    }

    private func readOffsets(at path: String) throws -> [Int: Int64] {
        let local = LocalFileSystem()
        guard local.exists(path) else { return [:] }
        let object = try FlatJSONObject(parsing: try local.readAll(path), path: path)
        var offsets: [Int: Int64] = [:]
        for member in object.members {
            guard let partition = Int(member.name), partition >= 0, let offset = member.value else {
                throw SluiceError.data("'\(member.name)' is not a partition with an offset", at: SourceLocation(file: path))
            }
            offsets[partition] = offset
        }
        return offsets
    }
}
