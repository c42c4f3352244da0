import Cluster
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix
import SluiceCore

/// Answers one broker request: admission (in-flight and rate limits), routing, and the call to
/// the store; every failure becomes a JSON error answer, so bad input never takes the server down.
struct BrokerRequestHandler: Sendable {
    let server: BrokerServer

    static let nextOffsetHeader = HTTPField.Name("Sluice-Next-Offset")!
    static let startOffsetHeader = HTTPField.Name("Sluice-Partition-Start-Offset")!
    static let endOffsetHeader = HTTPField.Name("Sluice-Partition-End-Offset")!
    static let clientIdHeader = HTTPField.Name(BrokerWire.clientIdHeaderName)!
    static let retryAfterMillisHeader = HTTPField.Name(BrokerWire.retryAfterMillisHeaderName)!
    /// Bytes a fetch answers when the request does not say.
    static let fetchBytesDefault = 1 << 20

    private var log: any TopicLog { server.log }

    func respond(to request: Request) async -> Response {
        let client = request.headers[Self.clientIdHeader].map { String($0.prefix(BrokerWire.clientIdLengthMax)) }
            ?? BrokerAdmission.anonymousClient
        do {
            try server.admission.begin(client: client)
        } catch {
            return answer(for: error)
        }
        defer { server.admission.finish() }
        do {
            guard let route = try BrokerRoute(method: request.method.rawValue, path: request.uri.path) else {
                throw BrokerRefusal(status: 404, message: "no such route: \(request.method.rawValue) \(request.uri.path)")
            }
            return try await respond(to: request, route: route, client: client)
        } catch {
            return answer(for: error)
        }
    }

    private func respond(to request: Request, route: BrokerRoute, client: String) async throws -> Response {
        switch route {
        case .metrics:
            return bytes(MetricsRegistry.exposition(), contentType: MetricsRegistry.contentType)
        case .createTopic:
            let create = try decodeJSON(BrokerWire.CreateTopicRequest.self, try await readBody(request))
            guard create.partitions >= 1 else { throw SluiceError.userInput("a topic needs at least one partition, not \(create.partitions)") }
            let description = try await blocking { try log.createTopic(create.name, configuration: create.configuration) }
            return json(description, status: .created)
        case .listTopics:
            return json(BrokerWire.TopicList(topics: try await blocking { try log.topicNames() }))
        case .describeTopic(let name):
            return json(try await blocking { try log.describeTopic(name) })
        case .deleteTopic(let name):
            try await blocking { try log.deleteTopic(name) }
            return Response(status: .noContent, headers: [.contentLength: "0"], body: ResponseBody())
        case .produce(let topic):
            return try await produce(topic: topic, request: request, client: client)
        case .fetch(let topic, let partition):
            return try await fetch(topic: topic, partition: partition, request: request)
        case .commitOffsets(let group):
            let commit = try decodeJSON(BrokerWire.GroupOffsets.self, try await readBody(request))
            let offsets = try commit.partitionOffsets()
            try await blocking { try log.commitOffsets(group: group, topic: commit.topic, offsets: offsets) }
            return Response(status: .noContent, headers: [.contentLength: "0"], body: ResponseBody())
        case .committedOffsets(let group):
            guard let topic = request.uri.queryParameters["topic"].map({ HTTPText.percentDecode($0) }) else {
                throw SluiceError.userInput("GET /groups/\(group)/offsets needs ?topic=NAME")
            }
            let offsets = try await blocking { try log.committedOffsets(group: group, topic: topic) }
            return json(BrokerWire.GroupOffsets(topic: topic, offsets: offsets))
        }
    }

    private func produce(topic: String, request: Request, client: String) async throws -> Response {
        let body = try await readBody(request)
        try server.admission.admitProduced(bytes: body.count, client: client)
        let contentType = request.headers[.contentType] ?? BrokerJSONLines.contentType
        let records: [LogRecord]
        if contentType.hasPrefix(BrokerRecordCodec.contentType) {
            do {
                records = try BrokerRecordCodec.decodeRecords(body)
            } catch let error as SluiceError {
                // A body the client garbled is the request's fault, not the broker's data.
                throw SluiceError(.userInput, error.message, at: error.location)
            }
        } else if contentType.hasPrefix(BrokerJSONLines.contentType) || contentType.hasPrefix("application/json") {
            records = try BrokerJSONLines.decodeRecords(body, nowMillis: server.clock.nowMillis())
        } else {
            throw BrokerRefusal(
                status: 415, message: "records must be \(BrokerJSONLines.contentType) or \(BrokerRecordCodec.contentType), not \(contentType)")
        }
        let positions = try await blocking { try log.produce(topic: topic, records: records) }
        server.metrics.produced(recordCount: records.count, bodyBytes: body.count)
        server.notifier.notifyAll()
        return json(BrokerWire.ProduceAnswer(positions: positions))
    }

    private func fetch(topic: String, partition: Int, request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let limits = server.configuration.limits
        let maxBytes = min(try integer(query["maxBytes"], "maxBytes") ?? Int64(Self.fetchBytesDefault), Int64(limits.fetchBytesMax))
        let waitMillis = min(max(try integer(query["waitMillis"], "waitMillis") ?? 0, 0), Int64(limits.fetchWaitMillisMax))
        let fromOffset: Int64
        switch (try integer(query["offset"], "offset"), try integer(query["timestamp"], "timestamp")) {
        case (let offset?, nil):
            fromOffset = offset
        case (nil, let timestamp?):
            fromOffset = try await blocking { try log.offset(topic: topic, partition: partition, forTimestampMillis: timestamp) }
        default:
            throw SluiceError.userInput("a fetch needs exactly one of ?offset=N and ?timestamp=MS")
        }
        let deadline = ContinuousClock.now + .milliseconds(waitMillis)
        var fetched: FetchedRecords
        while true {
            let generation = server.notifier.currentGeneration
            fetched = try await blocking {
                try log.fetch(topic: topic, partition: partition, fromOffset: fromOffset, maxBytes: Int(max(maxBytes, 1)))
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard fetched.records.isEmpty, remaining > .zero else { break }
            let remainingMillis = Int(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
            await server.notifier.wait(after: generation, timeoutMillis: max(1, min(remainingMillis, server.configuration.fetchPollIntervalMillis)))
        }
        server.metrics.fetched(recordCount: fetched.records.count)
        let binary = request.headers[.accept]?.contains(BrokerRecordCodec.contentType) ?? false
        var response = binary
            ? bytes(BrokerRecordCodec.encode(fetched), contentType: BrokerRecordCodec.contentType)
            : bytes(BrokerJSONLines.encode(fetched.records), contentType: BrokerJSONLines.contentType)
        response.headers[Self.nextOffsetHeader] = String(fetched.nextOffset)
        response.headers[Self.startOffsetHeader] = String(fetched.partitionStartOffset)
        response.headers[Self.endOffsetHeader] = String(fetched.partitionEndOffset)
        return response
    }

    // MARK: - Bodies, parameters and the store

    /// The whole request body, refused with 413 past `requestBytesMax`.
    private func readBody(_ request: Request) async throws -> [UInt8] {
        let limit = server.configuration.limits.requestBytesMax
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw tooLarge(sizeText: "\(declared) bytes", limit: limit)
        }
        var collected: [UInt8] = []
        for try await chunk in request.body {
            guard collected.count + chunk.readableBytes <= limit else {
                throw tooLarge(sizeText: "more than \(limit) bytes", limit: limit)
            }
            collected.append(contentsOf: chunk.readableBytesView)
        }
        return collected
    }

    private func tooLarge(sizeText: String, limit: Int) -> BrokerRefusal {
        BrokerRefusal(
            status: 413,
            message: "request body of \(sizeText) exceeds the broker's limit of \(limit) bytes (requestBytesMax); send smaller batches")
    }

    private func decodeJSON<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw SluiceError.userInput("malformed request body: \(Self.describe(error))")
        }
    }

    private func integer(_ text: Substring?, _ name: String) throws -> Int64? {
        guard let text else { return nil }
        guard let value = Int64(text) else { throw SluiceError.userInput("?\(name)=\(text) is not a whole number") }
        return value
    }

    /// Runs a store call on the blocking thread pool.
    private func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    // MARK: - Answers

    private func answer(for error: any Error) -> Response {
        switch error {
        case let refusal as BrokerRefusal:
            var response = json(
                BrokerWire.ErrorAnswer(error: refusal.message, fault: refusal.fault, condition: nil, line: refusal.line),
                status: HTTPResponse.Status(code: refusal.status))
            if let millis = refusal.retryAfterMillis {
                response.headers[.retryAfter] = String(max((millis + 999) / 1000, 1))
                response.headers[Self.retryAfterMillisHeader] = String(millis)
            }
            return response
        case let sluiceError as SluiceError:
            let status = BrokerErrorMapping.status(of: sluiceError)
            if status >= 500 { server.logger.error("broker request failed: \(sluiceError)") }
            return json(BrokerErrorMapping.answer(for: sluiceError), status: HTTPResponse.Status(code: status))
        default:
            server.logger.error("broker request failed: \(error)")
            return json(BrokerWire.ErrorAnswer(error: "\(error)", fault: "internal", condition: nil, line: nil), status: .internalServerError)
        }
    }

    private func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let encoded = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var response = bytes(Array(encoded), contentType: "application/json")
        response.status = status
        return response
    }

    private func bytes(_ bytes: [UInt8], contentType: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType, .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}
