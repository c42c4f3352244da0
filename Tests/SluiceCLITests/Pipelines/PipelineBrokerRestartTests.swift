import Cluster
import Foundation
import Jobs
import SluiceCore
import Streaming
import Testing

/// The kappa pipeline running while its `sluice broker` is killed with kill -9 and restarted on
/// the same port, with events flowing. A producer sends again what the broker did not
/// acknowledge, so the topic may hold a record twice; the topic is the truth, and the tables
/// must equal a plain computation over what it holds at the end.
@Suite(.serialized) struct PipelineBrokerRestartTests {
    @Test(arguments: [UInt64(51), 52])
    func kappaTablesEqualThePlainAnswerOverTheTopicAfterBrokerKills(seed: UInt64) async throws {
        let folder = try ScratchDirectory()
        let processes = try SluiceChildProcesses(root: folder.path)
        defer { processes.killAll() }
        let warehouse = folder.path + "/warehouse"
        let events = PipelineKillTests.events(seed: seed)
        let outcome = try await OwnThread.run { [path = folder.path] in
            try Self.runWhileKillingTheBroker(events, seed: seed, processes: processes, folder: path, warehouse: warehouse)
        }
        #expect(outcome.brokerKills == 3)
        #expect(outcome.pipelineExit == nil, "the pipeline exited while the broker was away: \(outcome.pipelineExit ?? "")")
        #expect(outcome.topicEvents.count >= events.count)
        let pageViews = try ClickstreamFixture.rows(of: warehouse + "/page_views_g1", columns: ["window_start", "page", "views"])
        let expected = ClickstreamFixture.pageViewsPerMinute(outcome.topicEvents)
        #expect(pageViews == expected, "\(PipelineKillTests.difference(pageViews, expected))")
        let sessions = try ClickstreamFixture.rows(of: warehouse + "/user_sessions_g1", columns: ["user_id", "window_start", "window_end", "clicks"])
        let expectedSessions = ClickstreamFixture.sessions(outcome.topicEvents, gapMillis: 600_000)
        #expect(sessions == expectedSessions, "\(PipelineKillTests.difference(sessions, expectedSessions))")
    }

    struct Outcome: Sendable {
        var brokerKills: Int
        /// Every record the topic holds at the end, as events.
        var topicEvents: [ClickstreamFixture.Event]
        /// The end of the pipeline's output when it exited before the test stopped it.
        var pipelineExit: String?
    }

    private static func runWhileKillingTheBroker(_ events: [ClickstreamFixture.Event], seed: UInt64, processes: SluiceChildProcesses,
                                                 folder: String, warehouse: String) throws -> Outcome {
        let environment = ["HOME": folder + "/home", "SLUICE_HOME": folder + "/sluice-home"]
        let port = try freePort()
        let brokerArguments = ["broker", "--dir", folder + "/topics", "--port", String(port)]
        let address = try processes.start("broker", brokerArguments, waitForAddress: true)!
        // One attempt per call: the producer sees each failure and sends the chunk again.
        let producer = BrokerClient(address: address, retryPolicy: RetryPolicy(attemptCountMax: 1), timeoutSeconds: 10)
        try producer.createTopic(ClickstreamKappa.topic, configuration: TopicConfiguration(partitionCount: 2))

        var random = SeededRandomGenerator(seed: seed)
        let chunks = stride(from: 0, to: events.count, by: 100).map { Array(events[$0..<min($0 + 100, events.count)]) }
        var killAfterChunks = Set<Int>()
        while killAfterChunks.count < 3 { killAfterChunks.insert(Int.random(in: 1..<(chunks.count - 1), using: &random)) }
        let run = ["pipeline", "run", "clickstream-kappa", "--broker", address, "--warehouse", warehouse, "--quiet",
                   "--batch-records-max", "40", "--trigger-ms", "50"]
        try processes.start("pipeline", run + ["--until", "stopped"], environment: environment)

        var brokerKills = 0
        for (index, chunk) in chunks.enumerated() {
            if killAfterChunks.contains(index) {
                // Kill the broker while the pipeline reads (after a seeded pause), restart it on its port.
                usleep(UInt32.random(in: 0..<300_000, using: &random))
                processes.kill("broker")
                brokerKills += 1
                // The first outage outlasts the pipeline's broker client retries (about 1.5 s):
                // the running pipeline must wait it out, not exit.
                usleep(brokerKills == 1 ? 3_000_000 : UInt32.random(in: 0..<300_000, using: &random))
                _ = try processes.start("broker", brokerArguments, waitForAddress: true)
            }
            try SluiceChildProcesses.wait(for: "chunk \(index) acknowledged") {
                do {
                    try ClickstreamFixture.produce(chunk, to: producer, topic: ClickstreamKappa.topic)
                    return true
                } catch {
                    return false
                }
            }
            usleep(UInt32.random(in: 0..<60_000, using: &random))
        }
        // The pipeline kept running through the outages; killed now, a run to the end must
        // leave the tables exact.
        let pipelineExit = processes.isRunning("pipeline") ? nil : processes.logTail(of: "pipeline")
        processes.kill("pipeline")
        let finish = try processes.run(run + ["--until", "caught-up"], environment: environment)
        guard finish.status == 0 else { throw CLITestSetupError("the last run failed:\n\(finish.output)") }

        var topicEvents: [ClickstreamFixture.Event] = []
        let reader = BrokerClient(address: address)
        for partition in 0..<2 {
            var offset: Int64 = 0
            while true {
                let fetched = try reader.fetch(topic: ClickstreamKappa.topic, partition: partition, fromOffset: offset, maxBytes: 1 << 20)
                for record in fetched.records {
                    topicEvents.append(ClickstreamFixture.Event(line: String(decoding: record.value, as: UTF8.self),
                                                                click: try? ClickEvent(json: record.value)))
                }
                offset = fetched.nextOffset
                if fetched.records.isEmpty || offset >= fetched.partitionEndOffset { break }
            }
        }
        return Outcome(brokerKills: brokerKills, topicEvents: topicEvents, pipelineExit: pipelineExit)
    }

    /// A TCP port nothing listens on now (the kernel's pick for port 0).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CLITestSetupError("no socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress -> Bool in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw CLITestSetupError("cannot bind a port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
