import Cluster
import Foundation
import SluiceCore
import Testing
@testable import Streaming

/// Overload and bad input get clear answers (413, 429, 503, 400, 404) and the broker keeps serving.
@Suite struct BrokerLimitsTests {
    @Test func oversizedBodyIsRefusedWithTheLimitAndTheSize() async throws {
        let broker = try await RunningBroker.start(limits: BrokerLimits(requestBytesMax: 100))
        try await onThread { try broker.log.createTopic("t", configuration: TopicConfiguration()) }
        let line = #"{"value":"\#(String(repeating: "x", count: 180))"}"#
        let answer = try await broker.send(.POST, "/topics/t/records", body: Array(line.utf8), contentType: BrokerJSONLines.contentType)
        #expect(answer.status == 413)
        let message = try answer.errorAnswer().error
        #expect(message.contains("\(line.utf8.count) bytes"), "\(message)")
        #expect(message.contains("limit of 100 bytes"), "\(message)")

        let client = broker.client()
        let error = await sluiceError { _ = try client.produce(topic: "t", records: [LogRecord(timestampMillis: 0, value: Array(repeating: 1, count: 500))]) }
        #expect(error?.fault == .userInput)
        #expect(error?.message.contains("limit of 100 bytes") == true)
        #expect(try await onThread { try broker.log.describeTopic("t") }.partitions[0].endOffset == 0)
        await broker.stop()
    }

    @Test func requestRateLimitAnswers429WithRetryAfter() async throws {
        let clock = ManualWallClock(startMillis: 10_000)
        let broker = try await RunningBroker.start(limits: BrokerLimits(requestsPerSecondMax: 1), clock: clock)
        #expect(try await broker.send(.GET, "/topics").status == 200)
        let refused = try await broker.send(.GET, "/topics")
        #expect(refused.status == 429)
        #expect(refused.header("Retry-After") == "1")
        #expect(try refused.errorAnswer().error.contains("rate limit of 1 requests/s"))
        clock.advance(byMillis: 1_000)
        #expect(try await broker.send(.GET, "/topics").status == 200)
        #expect(broker.server.statistics.rateLimitedRequestCount == 1)
        await broker.stop()
    }

    @Test func rateLimitsArePerClient() async throws {
        let clock = ManualWallClock(startMillis: 10_000)
        let broker = try await RunningBroker.start(limits: BrokerLimits(requestsPerSecondMax: 1), clock: clock)
        #expect(try await broker.send(.GET, "/topics", clientId: "alpha").status == 200)
        let refused = try await broker.send(.GET, "/topics", clientId: "alpha")
        #expect(refused.status == 429)
        #expect(try refused.errorAnswer().error.contains("by client 'alpha'"))
        #expect(refused.header(BrokerWire.retryAfterMillisHeaderName) == "1000")
        // Another client has a budget of its own; clients without a name share one.
        #expect(try await broker.send(.GET, "/topics", clientId: "beta").status == 200)
        #expect(try await broker.send(.GET, "/topics").status == 200)
        #expect(try await broker.send(.GET, "/topics").status == 429)
        #expect(broker.server.statistics.rateLimitedRequestCount == 2)
        await broker.stop()
    }

    @Test func clientWaitsAsLongAsTheBrokerAsks() async throws {
        // The broker's clock stands still until the test sees the refusal and moves it on; the
        // refusal asks for a second, so a client that waits that long is refused once, where its
        // own 1 ms backoff would be refused again until the clock moved.
        let clock = ManualWallClock(startMillis: 10_000)
        let broker = try await RunningBroker.start(limits: BrokerLimits(requestsPerSecondMax: 1), clock: clock)
        let client = broker.client(retryPolicy: RetryPolicy(attemptCountMax: 50, initialDelayMillis: 1, delayMillisMax: 2))
        let calls = Task { try await onThread { try (0..<2).map { _ in try client.topicNames() } } }
        for _ in 0..<2_000 where broker.server.statistics.rateLimitedRequestCount == 0 {
            try await Task.sleep(for: .milliseconds(5))
        }
        clock.advance(byMillis: 1_000)
        #expect(try await calls.value.count == 2)
        #expect(broker.server.statistics.rateLimitedRequestCount == 1)
        await broker.stop()
    }

    @Test func producedByteRateLimitAnswers429() async throws {
        let clock = ManualWallClock(startMillis: 10_000)
        let broker = try await RunningBroker.start(limits: BrokerLimits(requestBytesMax: 64, producedBytesPerSecondMax: 64), clock: clock)
        try await onThread { try broker.log.createTopic("t", configuration: TopicConfiguration()) }
        let body = Array(#"{"value":"0123456789012345678901234567890123456789"}"#.utf8)
        #expect(try await broker.send(.POST, "/topics/t/records", body: body, contentType: BrokerJSONLines.contentType).status == 200)
        let refused = try await broker.send(.POST, "/topics/t/records", body: body, contentType: BrokerJSONLines.contentType)
        #expect(refused.status == 429)
        #expect(try refused.errorAnswer().error.contains("produced bytes"))
        await broker.stop()
    }

    @Test func clientRetriesThroughTheRateLimit() async throws {
        // The broker's clock stands still, so its request budget (20 a second) runs out after
        // 20 requests and stays out until the test moves the clock on.
        let clock = ManualWallClock(startMillis: 10_000)
        let broker = try await RunningBroker.start(limits: BrokerLimits(requestsPerSecondMax: 20), clock: clock)
        let client = broker.client(retryPolicy: RetryPolicy(attemptCountMax: 200, initialDelayMillis: 5, delayMillisMax: 20))
        try await onThread { try client.createTopic("t", configuration: TopicConfiguration()) }
        let producing = Task {
            try await onThread {
                try (0..<30).map { index in try client.produce(topic: "t", records: [LogRecord(timestampMillis: 0, value: [UInt8(index)])]) }
            }
        }
        for _ in 0..<1_000 where broker.server.statistics.rateLimitedRequestCount == 0 {
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        #expect(broker.server.statistics.rateLimitedRequestCount > 0)
        clock.advance(byMillis: 1_000)
        let positions = try await producing.value
        #expect(positions.flatMap { $0 }.map(\.offset) == (0..<30).map(Int64.init))
        await broker.stop()
    }

    @Test func tooManyRequestsInFlightAnswers503() async throws {
        let broker = try await RunningBroker.start(limits: BrokerLimits(inFlightRequestsMax: 1))
        try await onThread { try broker.log.createTopic("t", configuration: TopicConfiguration()) }
        // A long poll holds the one place while the test asks again; it waits long enough that
        // a loaded machine cannot end it before the second request arrives.
        let waiting = Task { try await broker.send(.GET, "/topics/t/partitions/0/records?offset=0&waitMillis=2000") }
        for _ in 0..<2_000 where broker.server.statistics.inFlightRequestCount == 0 {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(broker.server.statistics.inFlightRequestCount == 1)
        let refused = try await broker.send(.GET, "/topics")
        #expect(refused.status == 503)
        #expect(refused.header("Retry-After") == "1")
        #expect(try refused.errorAnswer().error.contains("1 requests in flight"))
        #expect(try await waiting.value.status == 200)
        #expect(try await broker.send(.GET, "/topics").status == 200)
        await broker.stop()
    }

    @Test func malformedJSONLineIsRefusedNamingTheLine() async throws {
        let broker = try await RunningBroker.start()
        try await onThread { try broker.log.createTopic("t", configuration: TopicConfiguration()) }
        let body = "{\"value\": 1}\n{\"value\": [1, 2}\n{\"value\": 3}\n"
        let answer = try await broker.send(.POST, "/topics/t/records", body: Array(body.utf8), contentType: BrokerJSONLines.contentType)
        #expect(answer.status == 400)
        let error = try answer.errorAnswer()
        #expect(error.error.contains("line 2"), "\(error.error)")
        #expect(error.line == 2)
        let noValue = try await broker.send(.POST, "/topics/t/records", body: Array("{\"key\":\"a\"}".utf8), contentType: BrokerJSONLines.contentType)
        #expect(try noValue.errorAnswer().error == #"line 1: a record needs a "value""#)
        // The whole body is refused: nothing of it was stored.
        #expect(try await onThread { try broker.log.describeTopic("t") }.partitions[0].endOffset == 0)
        await broker.stop()
    }

    @Test func badRequestsGetErrorsAndTheBrokerKeepsServing() async throws {
        let broker = try await RunningBroker.start()
        try await onThread { try broker.log.createTopic("t", configuration: TopicConfiguration()) }
        let garbage = try await broker.send(.POST, "/topics/t/records", body: [1, 2, 3, 4, 5, 6, 7, 8, 9], contentType: BrokerRecordCodec.contentType)
        #expect(garbage.status == 400)
        #expect(try garbage.errorAnswer().fault == "userInput")
        #expect(try await broker.send(.GET, "/nowhere").status == 404)
        #expect(try await broker.send(.GET, "/topics/t/partitions/x/records?offset=0").status == 400)
        #expect(try await broker.send(.GET, "/topics/t/partitions/0/records").status == 400)
        #expect(try await broker.send(.GET, "/topics/t/partitions/0/records?offset=abc").status == 400)
        #expect(try await broker.send(.POST, "/topics", body: Array("{not json".utf8)).status == 400)
        #expect(try await broker.send(.POST, "/topics", body: Array(#"{"name":"z","partitions":0}"#.utf8)).status == 400)
        #expect(try await broker.send(.POST, "/topics/t/records", body: Array("x".utf8), contentType: "text/csv").status == 415)
        #expect(try await broker.send(.GET, "/topics").status == 200)
        await broker.stop()
    }

    @Test func clientMapsErrorsBackToSluiceErrors() async throws {
        let broker = try await RunningBroker.start()
        let client = broker.client()
        try await onThread { try client.createTopic("t", configuration: TopicConfiguration()) }

        let exists = await sluiceError { try client.createTopic("t", configuration: TopicConfiguration()) }
        #expect(exists?.condition == .alreadyExists)
        #expect(exists?.fault == .userInput)
        #expect(exists?.message == "topic 't' already exists")

        let missing = await sluiceError { _ = try client.describeTopic("nope") }
        #expect(missing?.condition == .notFound)
        #expect(missing?.message == "topic 'nope' does not exist")
        let missingProduce = await sluiceError { _ = try client.produce(topic: "nope", records: [LogRecord(timestampMillis: 0, value: [])]) }
        #expect(missingProduce?.condition == .notFound)

        let pastEnd = await sluiceError { _ = try client.fetch(topic: "t", partition: 0, fromOffset: 5, maxBytes: 10) }
        #expect(pastEnd?.fault == .userInput)
        #expect(pastEnd?.condition == nil)
        await broker.stop()

        let unreachable = BrokerClient(address: broker.address, retryPolicy: RetryPolicy(attemptCountMax: 2, initialDelayMillis: 1))
        let refused = await sluiceError { _ = try unreachable.topicNames() }
        #expect(refused?.fault == .io)
        #expect(refused?.message.contains("cannot reach the broker at \(broker.address)") == true)
    }
}
