import SluiceCore

extension TopicConfiguration {
    static let partitionCountRange = 1...1024

    /// Checks the settings a topic store accepts.
    /// - Throws: `SluiceError.userInput` naming the setting that is out of range.
    func validate() throws {
        guard Self.partitionCountRange.contains(partitionCount) else {
            throw SluiceError.userInput(
                "a topic has \(Self.partitionCountRange.lowerBound) to \(Self.partitionCountRange.upperBound) partitions, not \(partitionCount)")
        }
        guard segmentBytesMax > 0 && segmentBytesMax <= Int(UInt32.max) else {
            throw SluiceError.userInput("segmentBytesMax must be between 1 and \(UInt32.max) bytes, not \(segmentBytesMax)")
        }
        if let retentionMillis, retentionMillis < 0 {
            throw SluiceError.userInput("retentionMillis must not be negative (\(retentionMillis))")
        }
        if let retentionBytesPerPartitionMax, retentionBytesPerPartitionMax < 0 {
            throw SluiceError.userInput("retentionBytesPerPartitionMax must not be negative (\(retentionBytesPerPartitionMax))")
        }
    }

    /// The `topic.json` form, with the same member names a `Codable` encoder would use.
    var flatJSON: FlatJSONObject {
        FlatJSONObject([
            ("partitionCount", Int64(partitionCount)),
            ("retentionMillis", retentionMillis),
            ("retentionBytesPerPartitionMax", retentionBytesPerPartitionMax.map(Int64.init)),
            ("segmentBytesMax", Int64(segmentBytesMax)),
        ])
    }

    /// Reads a topic's `topic.json` and checks its settings.
    /// - Throws: `SluiceError.data` naming `path` when the file is malformed or out of range.
    init(parsingFile bytes: [UInt8], path: String) throws {
        let object = try FlatJSONObject(parsing: bytes, path: path)
        guard let partitionCount = object["partitionCount"], let segmentBytesMax = object["segmentBytesMax"],
            let partitions = Int(exactly: partitionCount), let segmentBytes = Int(exactly: segmentBytesMax)
        else {
            throw SluiceError.data("the topic settings lack partitionCount or segmentBytesMax", at: SourceLocation(file: path))
        }
        self.init(
            partitionCount: partitions, retentionMillis: object["retentionMillis"],
            retentionBytesPerPartitionMax: object["retentionBytesPerPartitionMax"].flatMap { Int(exactly: $0) },
            segmentBytesMax: segmentBytes)
        do {
            try validate()
        } catch let error as SluiceError {
            throw SluiceError.data(error.message, at: SourceLocation(file: path))
        }
    }
}
