import Foundation
import SluiceCore
import Warehouse
@testable import Streaming

/// A temporary folder for one test, removed by `remove()`.
struct EngineTestDirectory {
    let path: String

    init() {
        path = "/tmp/sluice-engine-test-\(UInt64.random(in: 0...UInt64.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// One generated event: the partition it goes to, its key and its event time.
struct GeneratedEvent: Equatable {
    var partition: Int
    var key: String
    var eventTimeMillis: Int64
}

enum EngineTestSupport {
    /// Events with event times that mostly rise but jump back by up to `disorderMillis`.
    static func events(seed: UInt64, partitions: Int, perPartition: Int, keys: Int, disorderMillis: Int64) -> [[GeneratedEvent]] {
        var generator = SeededRandomGenerator(seed: seed)
        return (0..<partitions).map { partition in
            var clock: Int64 = 1_000_000
            return (0..<perPartition).map { _ in
                clock += Int64.random(in: 0...400, using: &generator)
                let jitter = Int64.random(in: 0...disorderMillis, using: &generator)
                let key = "k\(Int.random(in: 0..<keys, using: &generator))"
                return GeneratedEvent(partition: partition, key: key, eventTimeMillis: clock - jitter)
            }
        }
    }

    /// Writes the events as `key,eventTime` records, each partition's in order.
    static func produce(_ events: [[GeneratedEvent]], topic: String, to log: InMemoryTopicLog) throws {
        try log.createTopic(topic, configuration: TopicConfiguration(partitionCount: events.count))
        for (partition, list) in events.enumerated() {
            try log.produce(topic: topic, partition: partition, records: list.map {
                LogRecord(timestampMillis: $0.eventTimeMillis, key: Array($0.key.utf8), value: Array("\($0.key),\($0.eventTimeMillis)".utf8))
            })
        }
    }

    /// The table's rows as (key, start millis, end millis) → value, from `window_start`,
    /// `window_end`, `key` and `value` columns.
    static func windowRows(_ location: String, version: Int64? = nil) throws -> [WindowKey: Int64] {
        let table = try Table(fileSystem: LocalFileSystem(), path: location)
        var scan = try table.scan(snapshot: version.map { try table.snapshot(version: $0) })
        let batch = try scan.readAll()
        var rows: [WindowKey: Int64] = [:]
        for index in 0..<batch.rowCount {
            let values = batch.row(index)
            guard case .timestamp(let start) = values[0], case .timestamp(let end) = values[1], case .string(let key) = values[2],
                  case .int64(let count) = values[3] else { continue }
            let windowKey = WindowKey(key: key, startMillis: start / 1000, endMillis: end / 1000)
            precondition(rows[windowKey] == nil, "duplicate row for \(windowKey)")
            rows[windowKey] = count
        }
        return rows
    }

    static func configuration(_ directory: EngineTestDirectory, name: String = "clicks", cap: Int64, threads: Int = 2) -> StreamingConfiguration {
        StreamingConfiguration(pipelineName: name, checkpointLocation: directory.path + "/checkpoint-\(name)",
                               recordsPerPartitionPerBatchMax: cap, taskThreadCount: threads, clock: ManualWallClock(startMillis: 1_700_000_000_000))
    }
}

struct WindowKey: Hashable, CustomStringConvertible {
    var key: String
    var startMillis: Int64
    var endMillis: Int64
    var description: String { "\(key)[\(startMillis),\(endMillis))" }
}
