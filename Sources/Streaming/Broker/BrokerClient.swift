#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Cluster
import Foundation
import NIOHTTP1
import SluiceCore

/// The stream log behind a broker (`sluice broker`), over HTTP: the same `TopicLog` as the
/// embedded store, so producers, consumers and pipelines work with either.
///
/// Produce and fetch use the binary wire form (`BrokerRecordCodec`). Every call is retried with
/// `retryPolicy`'s exponential backoff when the broker answers 429 (rate limit) or 503 (busy)
/// — waiting at least as long as the broker asks — or cannot be reached (refused, reset, timed
/// out). The client names itself (`clientId`), since the broker's rate limits are per client. Delivery is therefore at least once: when a
/// produce reached the broker but its answer was lost, the retry appends the records again.
/// Other error answers become the `SluiceError` the broker's store threw (same fault,
/// condition and message).
///
/// Calls block the calling thread (through `BlockingBridge`); do not call them from inside a
/// Swift concurrency task. Thread-safety: a value over the shared connection pool; use from
/// any thread.
public struct BrokerClient: TopicLog {
    /// `HOST:PORT` of the broker.
    public let address: String
    public var retryPolicy: RetryPolicy
    public var timeoutSeconds: Int64
    /// The largest answer accepted, in bytes.
    public var answerBytesMax: Int
    /// How the client names itself to the broker, whose rate limits are per client.
    public var clientId: String

    private var baseURL: String { address.hasPrefix("http") ? address : "http://\(address)" }

    public init(address: String, retryPolicy: RetryPolicy = RetryPolicy(), timeoutSeconds: Int64 = 60, answerBytesMax: Int = 256 << 20,
                clientId: String = BrokerClient.processClientId) {
        self.address = address
        self.retryPolicy = retryPolicy
        self.timeoutSeconds = timeoutSeconds
        self.answerBytesMax = answerBytesMax
        self.clientId = clientId
    }

    /// `HOST/PID` of this process: the default client name.
    public static let processClientId: String = {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count - 1) == 0 ? String(cString: name) : "localhost"
        return "\(host)/\(getpid())"
    }()

    @discardableResult
    public func createTopic(_ name: String, configuration: TopicConfiguration) throws -> TopicDescription {
        let body = try JSONEncoder().encode(BrokerWire.CreateTopicRequest(name: name, configuration: configuration))
        let answer = try call(.POST, "/topics", body: Array(body))
        return try decode(TopicDescription.self, answer)
    }

    public func topicNames() throws -> [String] {
        try decode(BrokerWire.TopicList.self, try call(.GET, "/topics")).topics
    }

    public func deleteTopic(_ name: String) throws {
        _ = try call(.DELETE, "/topics/\(segment(name))")
    }

    public func describeTopic(_ name: String) throws -> TopicDescription {
        try decode(TopicDescription.self, try call(.GET, "/topics/\(segment(name))"))
    }

    public func produce(topic: String, records: [LogRecord]) throws -> [RecordPosition] {
        let answer = try call(
            .POST, "/topics/\(segment(topic))/records", body: BrokerRecordCodec.encode(records), contentType: BrokerRecordCodec.contentType)
        return try decode(BrokerWire.ProduceAnswer.self, answer).positions
    }

    public func fetch(topic: String, partition: Int, fromOffset: Int64, maxBytes: Int) throws -> FetchedRecords {
        try fetch(topic: topic, partition: partition, fromOffset: fromOffset, maxBytes: maxBytes, waitMillis: 0)
    }

    /// A fetch that, when no record is there yet, waits up to `waitMillis` for one to arrive
    /// (a long poll) before answering empty.
    public func fetch(topic: String, partition: Int, fromOffset: Int64, maxBytes: Int, waitMillis: Int) throws -> FetchedRecords {
        let path = "/topics/\(segment(topic))/partitions/\(partition)/records?offset=\(fromOffset)&maxBytes=\(maxBytes)&waitMillis=\(waitMillis)"
        let answer = try call(.GET, path, accept: BrokerRecordCodec.contentType, extraTimeoutSeconds: Int64(waitMillis / 1000 + 1))
        do {
            return try BrokerRecordCodec.decodeFetched(answer.body)
        } catch let error as SluiceError {
            throw SluiceError.io("the broker at \(address) sent a damaged fetch answer: \(error.message)")
        }
    }

    public func offset(topic: String, partition: Int, forTimestampMillis timestampMillis: Int64) throws -> Int64 {
        // A fetch of zero bytes by timestamp answers no record but the offset found, in its header.
        let path = "/topics/\(segment(topic))/partitions/\(partition)/records?timestamp=\(timestampMillis)&maxBytes=0"
        let answer = try call(.GET, path, accept: BrokerRecordCodec.contentType)
        let fetched = try BrokerRecordCodec.decodeFetched(answer.body)
        return fetched.records.first?.offset ?? fetched.nextOffset
    }

    public func commitOffsets(group: String, topic: String, offsets: [Int: Int64]) throws {
        let body = try JSONEncoder().encode(BrokerWire.GroupOffsets(topic: topic, offsets: offsets))
        _ = try call(.POST, "/groups/\(segment(group))/offsets", body: Array(body))
    }

    public func committedOffsets(group: String, topic: String) throws -> [Int: Int64] {
        let answer = try call(.GET, "/groups/\(segment(group))/offsets?topic=\(HTTPText.percentEncodeQueryValue(topic))")
        return try decode(BrokerWire.GroupOffsets.self, answer).partitionOffsets()
    }

    // MARK: - Calls

    private func segment(_ name: String) -> String { HTTPText.percentEncode(name, keepingSlashes: false) }

    /// One call with retries; a 2xx answer is returned, any other becomes a `SluiceError`.
    private func call(
        _ method: HTTPMethod, _ pathAndQuery: String, body: [UInt8]? = nil, contentType: String? = nil, accept: String? = nil,
        extraTimeoutSeconds: Int64 = 0
    ) throws -> BrokerExchange.Answer {
        let url = baseURL + pathAndQuery
        let (policy, timeout, answerMax, address) = (retryPolicy, timeoutSeconds + extraTimeoutSeconds, answerBytesMax, self.address)
        let clientId = self.clientId
        do {
            return try BlockingBridge.run {
                try await policy.run(shouldRetry: Self.isRetryable) {
                    let answer = try await BrokerExchange.send(
                        method: method, url: url, body: body, contentType: contentType, accept: accept, timeoutSeconds: timeout,
                        answerBytesMax: answerMax, clientId: clientId)
                    guard (200..<300).contains(answer.status) else {
                        throw RemoteCallError(status: answer.status, url: url, body: answer.body, retryAfterMillis: Self.retryAfterMillis(answer))
                    }
                    return answer
                }
            }
        } catch let error as RemoteCallError {
            guard let status = error.status else {
                throw SluiceError.io("cannot reach the broker at \(address): \(error.cause ?? "no answer")")
            }
            throw BrokerErrorMapping.error(status: status, body: error.body, context: "\(method) \(url)")
        }
    }

    /// The pause a refusal asks for: `Sluice-Retry-After-Ms`, else `Retry-After` in seconds.
    static func retryAfterMillis(_ answer: BrokerExchange.Answer) -> Int64? {
        if let millis = answer.headers.first(name: BrokerWire.retryAfterMillisHeaderName).flatMap({ Int64($0) }) { return millis }
        return answer.headers.first(name: "Retry-After").flatMap { Int64($0) }.map { $0 * 1000 }
    }

    /// Overload answers and unreachable brokers are worth another try; the rest are final.
    private static func isRetryable(_ error: any Error) -> Bool {
        guard let remote = error as? RemoteCallError else { return false }
        guard let status = remote.status else { return true }
        return status == 429 || status == 503
    }

    private func decode<T: Decodable>(_ type: T.Type, _ answer: BrokerExchange.Answer) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(answer.body))
        } catch {
            throw SluiceError.io("the broker at \(address) answered with unexpected JSON (\(T.self)): \(error)")
        }
    }
}
