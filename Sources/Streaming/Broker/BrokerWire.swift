import SluiceCore

/// The JSON messages of the broker's REST API (see `BrokerServer` for the routes).
public enum BrokerWire {
    /// The header a client names itself with; rate limits are per client.
    public static let clientIdHeaderName = "Sluice-Client-Id"
    /// Client names longer than this are cut.
    public static let clientIdLengthMax = 128
    /// The exact pause a 429 or 503 asks for, in milliseconds (`Retry-After` has whole seconds).
    public static let retryAfterMillisHeaderName = "Sluice-Retry-After-Ms"

    /// `POST /topics`.
    public struct CreateTopicRequest: Codable, Sendable, Equatable {
        public var name: String
        public var partitions: Int
        public var retentionMillis: Int64?
        public var retentionBytesPerPartitionMax: Int?
        public var segmentBytesMax: Int?

        public init(name: String, configuration: TopicConfiguration) {
            self.name = name
            partitions = configuration.partitionCount
            retentionMillis = configuration.retentionMillis
            retentionBytesPerPartitionMax = configuration.retentionBytesPerPartitionMax
            segmentBytesMax = configuration.segmentBytesMax
        }

        public var configuration: TopicConfiguration {
            var configuration = TopicConfiguration(
                partitionCount: partitions, retentionMillis: retentionMillis, retentionBytesPerPartitionMax: retentionBytesPerPartitionMax)
            if let segmentBytesMax { configuration.segmentBytesMax = segmentBytesMax }
            return configuration
        }
    }

    /// `GET /topics`.
    public struct TopicList: Codable, Sendable, Equatable {
        public var topics: [String]
    }

    /// The answer to a produce: where each record went, in the order sent.
    public struct ProduceAnswer: Codable, Sendable, Equatable {
        public var positions: [RecordPosition]
    }

    /// `POST /groups/{group}/offsets` and the answer of `GET /groups/{group}/offsets?topic=T`:
    /// next offsets to read, keyed by partition number (as text, as JSON object keys must be).
    public struct GroupOffsets: Codable, Sendable, Equatable {
        public var topic: String
        public var offsets: [String: Int64]

        public init(topic: String, offsets: [Int: Int64]) {
            self.topic = topic
            self.offsets = Dictionary(uniqueKeysWithValues: offsets.map { (String($0.key), $0.value) })
        }

        /// The offsets by partition number.
        /// - Throws: a user error when a key is not a partition number.
        public func partitionOffsets() throws -> [Int: Int64] {
            var result: [Int: Int64] = [:]
            for (key, offset) in offsets {
                guard let partition = Int(key), partition >= 0 else {
                    throw SluiceError.userInput("offsets: '\(key)' is not a partition number")
                }
                result[partition] = offset
            }
            return result
        }
    }

    /// Every error answer: `{"error": message}` plus, for clients that map it back, whose fault
    /// it is, the condition and the input line.
    public struct ErrorAnswer: Codable, Sendable, Equatable {
        public var error: String
        /// `userInput`, `data`, `io` or `internal`.
        public var fault: String?
        /// `notFound`, `alreadyExists` or `commitConflict`.
        public var condition: String?
        public var line: Int?
    }
}
