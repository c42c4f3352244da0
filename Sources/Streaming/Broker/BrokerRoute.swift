import Cluster

/// A broker request's route, parsed from its method and path.
enum BrokerRoute: Equatable {
    case createTopic
    case listTopics
    case describeTopic(String)
    case deleteTopic(String)
    case produce(topic: String)
    case fetch(topic: String, partition: Int)
    case commitOffsets(group: String)
    case committedOffsets(group: String)
    case metrics

    /// The route of `method path`, nil when none matches. Path segments are percent-decoded.
    /// - Throws: a user error when the path matches a route but its partition is not a number.
    init?(method: String, path: String) throws {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { HTTPText.percentDecode($0) }
        switch (method, segments.count) {
        case ("GET", 1) where segments[0] == "metrics": self = .metrics
        case ("POST", 1) where segments[0] == "topics": self = .createTopic
        case ("GET", 1) where segments[0] == "topics": self = .listTopics
        case ("GET", 2) where segments[0] == "topics": self = .describeTopic(segments[1])
        case ("DELETE", 2) where segments[0] == "topics": self = .deleteTopic(segments[1])
        case ("POST", 3) where segments[0] == "topics" && segments[2] == "records": self = .produce(topic: segments[1])
        case ("GET", 5) where segments[0] == "topics" && segments[2] == "partitions" && segments[4] == "records":
            guard let partition = Int(segments[3]), partition >= 0 else {
                throw BrokerRefusal(status: 400, message: "partition '\(segments[3])' is not a partition number")
            }
            self = .fetch(topic: segments[1], partition: partition)
        case ("POST", 3) where segments[0] == "groups" && segments[2] == "offsets": self = .commitOffsets(group: segments[1])
        case ("GET", 3) where segments[0] == "groups" && segments[2] == "offsets": self = .committedOffsets(group: segments[1])
        default: return nil
        }
    }
}

/// A request the broker turns away before it reaches the store: too large, too fast, too many
/// at once, or malformed. Answered with `status` and `{"error": message}`.
struct BrokerRefusal: Error {
    var status: Int
    var message: String
    /// Milliseconds to wait before retrying, for 429 and 503: answered as `Retry-After` (whole
    /// seconds, at least 1) and `Sluice-Retry-After-Ms` (exact).
    var retryAfterMillis: Int64?
    var line: Int?

    init(status: Int, message: String, retryAfterMillis: Int64? = nil, line: Int? = nil) {
        self.status = status
        self.message = message
        self.retryAfterMillis = retryAfterMillis
        self.line = line
    }

    var fault: String {
        switch status {
        case 429, 503: "io"
        default: "userInput"
        }
    }
}
