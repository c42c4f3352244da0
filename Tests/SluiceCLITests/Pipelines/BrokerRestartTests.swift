import Cluster
import Foundation
import SluiceCore
import Streaming
import Testing

/// No acknowledged record is lost when a `sluice broker` process is killed with SIGKILL while
/// records flow: a producer sends seeded records in many small requests and notes where each
/// acknowledged one went; the broker is killed at seeded moments (while requests are in flight)
/// and restarted on the same folder. At the end every acknowledged record is at its partition and
/// offset with its bytes, and the log holds nothing that was not produced.
@Suite(.serialized) struct BrokerRestartTests {
    static let topic = "events"
    static let partitionCount = 3
    static let recordCount = 4_000

    struct Outcome: Sendable {
        var records: [LogRecord]
        /// Where each acknowledged record went, by index into `records`.
        var acknowledged: [Int: RecordPosition]
        /// Records of requests that failed (they may or may not be in the log; each was sent again).
        var unacknowledgedSendCount: Int
        var kills: Int
        /// Every record in the log at the end, per partition, in offset order.
        var stored: [[StoredRecord]]
    }

    @Test(arguments: [UInt64(3), 4])
    func acknowledgedRecordsSurviveKillMinusNineOfTheBroker(seed: UInt64) async throws {
        let folder = try ScratchDirectory()
        let processes = try SluiceChildProcesses(root: folder.path)
        defer { processes.killAll() }
        let outcome = try await OwnThread.run { [path = folder.path] in try Self.produceWhileKilling(seed: seed, processes: processes, folder: path) }
        #expect(outcome.kills == 3)
        #expect(outcome.acknowledged.count == Self.recordCount, "every request was sent until acknowledged")

        var stored: [RecordPosition: StoredRecord] = [:]
        for (partition, records) in outcome.stored.enumerated() {
            #expect(records.map(\.offset) == Array(0..<Int64(records.count)), "partition \(partition) has gaps")
            for record in records { stored[RecordPosition(partition: partition, offset: record.offset)] = record }
        }
        var lost = 0
        for (index, position) in outcome.acknowledged {
            let record = outcome.records[index]
            guard let found = stored[position] else {
                lost += 1
                continue
            }
            #expect(found.value == record.value && found.key == record.key && found.timestampMillis == record.timestampMillis,
                    "record \(index) at \(position) holds other bytes")
        }
        #expect(lost == 0, "\(lost) acknowledged records are gone")
        // Nothing made up: the log holds produced records only, at most the unacknowledged sends twice.
        let produced = Set(outcome.records.map(\.value))
        #expect(stored.values.allSatisfy { produced.contains($0.value) })
        #expect(stored.count >= Self.recordCount && stored.count <= Self.recordCount + outcome.unacknowledgedSendCount,
                "\(stored.count) records stored")
    }

    /// Seeded records: a key of one of 50 users, a value naming the record, a timestamp.
    static func records(seed: UInt64) -> [LogRecord] {
        var random = SeededRandomGenerator(seed: seed)
        return (0..<recordCount).map { index in
            let padding = String(repeating: "x", count: Int.random(in: 0...200, using: &random))
            return LogRecord(timestampMillis: 1_709_280_000_000 + Int64(index), key: Array("user-\(Int.random(in: 0..<50, using: &random))".utf8),
                             value: Array("record \(index) \(UInt64.random(in: 0...UInt64.max, using: &random)) \(padding)".utf8))
        }
    }

    private static func produceWhileKilling(seed: UInt64, processes: SluiceChildProcesses, folder: String) throws -> Outcome {
        let records = records(seed: seed)
        var random = SeededRandomGenerator(seed: seed &* 31 &+ 1)
        var requests: [Range<Int>] = []
        var next = 0
        while next < records.count {
            let end = min(next + Int.random(in: 1...12, using: &random), records.count)
            requests.append(next..<end)
            next = end
        }
        // The request during which each kill is scheduled, and how long after it was sent.
        var killAt: [Int: UInt32] = [:]
        while killAt.count < 3 { killAt[Int.random(in: 20..<(requests.count - 20), using: &random)] = UInt32.random(in: 0..<15_000, using: &random) }

        let brokerArguments = ["broker", "--dir", folder + "/topics", "--port", "0"]
        var address = try processes.start("broker", brokerArguments, waitForAddress: true)!
        // One attempt per call: a failed produce is the producer's to see and send again.
        var client = BrokerClient(address: address, retryPolicy: RetryPolicy(attemptCountMax: 1), timeoutSeconds: 10)
        try client.createTopic(topic, configuration: TopicConfiguration(partitionCount: partitionCount))

        var outcome = Outcome(records: records, acknowledged: [:], unacknowledgedSendCount: 0, kills: 0, stored: [])
        let killed = DispatchGroup()
        var killPending = false
        var index = 0
        while index < requests.count {
            let range = requests[index]
            if killPending, let delayMicros = killAt.removeValue(forKey: index) {
                // One kill at a time: the next waits until the broker is back.
                var later = index + 1
                while killAt[later] != nil { later += 1 }
                killAt[later] = delayMicros
            } else if let delayMicros = killAt.removeValue(forKey: index) {
                killPending = true
                killed.enter()
                DispatchQueue.global().async {
                    usleep(delayMicros)
                    processes.kill("broker")
                    killed.leave()
                }
            }
            do {
                let positions = try client.produce(topic: topic, records: Array(records[range]))
                guard positions.count == range.count else {
                    throw CLITestSetupError("\(range.count) records produced, \(positions.count) positions answered")
                }
                for (offset, position) in positions.enumerated() { outcome.acknowledged[range.lowerBound + offset] = position }
                index += 1
            } catch {
                guard killPending else { throw error }
                outcome.unacknowledgedSendCount += range.count
                killed.wait()
                killPending = false
                outcome.kills += 1
                address = try processes.start("broker", brokerArguments, waitForAddress: true)!
                client = BrokerClient(address: address, retryPolicy: RetryPolicy(attemptCountMax: 1), timeoutSeconds: 10)
            }
        }
        if killPending {
            // The kill came after the last request was answered.
            killed.wait()
            outcome.kills += 1
            address = try processes.start("broker", brokerArguments, waitForAddress: true)!
            client = BrokerClient(address: address, retryPolicy: RetryPolicy(attemptCountMax: 1), timeoutSeconds: 10)
        }
        // Read it all back from a broker started afresh on the folder.
        processes.kill("broker")
        address = try processes.start("broker", brokerArguments, waitForAddress: true)!
        client = BrokerClient(address: address)
        for partition in 0..<partitionCount {
            var stored: [StoredRecord] = []
            var offset: Int64 = 0
            while true {
                let fetched = try client.fetch(topic: topic, partition: partition, fromOffset: offset, maxBytes: 1 << 20)
                stored += fetched.records
                offset = fetched.nextOffset
                if fetched.records.isEmpty || offset >= fetched.partitionEndOffset { break }
            }
            outcome.stored.append(stored)
        }
        processes.kill("broker")
        return outcome
    }
}
