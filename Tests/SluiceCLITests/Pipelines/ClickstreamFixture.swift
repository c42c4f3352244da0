import Foundation
import Jobs
import SluiceCore
import SQL
import Streaming
import Warehouse

/// Seeded click events for pipeline tests, and the answers a plain computation gives for them.
struct ClickstreamFixture {
    /// One event as produced: its JSON line and what it means (nil for a line that is not a click).
    struct Event {
        var line: String
        var click: ClickEvent?
    }

    /// `count` events starting at `startMillis`, 25 ms apart on average, each up to `disorderMillis`
    /// behind the newest; every `malformedEvery`-th line (when given) does not parse.
    static func events(count: Int, seed: UInt64, startMillis: Int64, disorderMillis: Int64 = 2_000, malformedEvery: Int? = nil) -> [Event] {
        var random = SeededRandomGenerator(seed: seed)
        var newest = startMillis
        return (0..<count).map { index in
            newest += Int64.random(in: 1...50, using: &random)
            let millis = newest - Int64.random(in: 0...disorderMillis, using: &random)
            if let malformedEvery, index % malformedEvery == malformedEvery - 1 {
                return Event(line: #"{"user_id": "seven", "page": "/broken"}"#, click: nil)
            }
            let click = ClickEvent(userId: Int64.random(in: 1...40, using: &random), page: "/p/\(Int.random(in: 1...12, using: &random))",
                                   eventTimeMillis: millis)
            let time = CivilTime.formatTimestamp(micros: millis * 1000).replacingOccurrences(of: " ", with: "T") + "Z"
            return Event(line: #"{"user_id": \#(click.userId), "page": "\#(click.page)", "event_time": "\#(time)", "device": "desktop"}"#,
                         click: click)
        }
    }

    /// Produces the events keyed by user, stamped with their event time.
    static func produce(_ events: [Event], to log: any TopicLog, topic: String) throws {
        let records = events.map { event in
            LogRecord(timestampMillis: event.click?.eventTimeMillis ?? 0, key: event.click.map { Array(String($0.userId).utf8) },
                      value: Array(event.line.utf8))
        }
        _ = try log.produce(topic: topic, records: records)
    }

    /// Page views per page per minute: "start|page|views" lines, sorted.
    static func pageViewsPerMinute(_ events: [Event]) -> [String] {
        var counts: [String: Int64] = [:]
        for click in events.compactMap(\.click) {
            counts["\(click.minuteStartMillis * 1000)|\(click.page)", default: 0] += 1
        }
        return counts.map { "\($0.key)|\($0.value)" }.sorted()
    }

    /// Sessions per user (a gap of `gapMillis` without a click ends one): "user|start|end|clicks".
    static func sessions(_ events: [Event], gapMillis: Int64) -> [String] {
        var times: [Int64: [Int64]] = [:]
        for click in events.compactMap(\.click) { times[click.userId, default: []].append(click.eventTimeMillis) }
        var lines: [String] = []
        for (user, userTimes) in times {
            let sorted = userTimes.sorted()
            var start = sorted[0]
            var end = sorted[0] + gapMillis
            var clicks: Int64 = 1
            for time in sorted.dropFirst() {
                if time < end {
                    end = max(end, time + gapMillis)
                    clicks += 1
                } else {
                    lines.append("\(user)|\(start * 1000)|\(end * 1000)|\(clicks)")
                    (start, end, clicks) = (time, time + gapMillis, 1)
                }
            }
            lines.append("\(user)|\(start * 1000)|\(end * 1000)|\(clicks)")
        }
        return lines.sorted()
    }

    /// What lambda's serving views should answer for these events: "views|start|page|views"
    /// and "session|user|start|end|clicks" lines, sorted.
    static func lambdaAnswer(_ events: [Event]) -> [String] {
        (pageViewsPerMinute(events).map { "views|" + $0 } + sessions(events, gapMillis: 600_000).map { "session|" + $0 }).sorted()
    }

    /// What lambda's serving views answer through SQL, as `lambdaAnswer` lines.
    static func lambdaServedAnswer(warehouse: String) throws -> [String] {
        let pageViews = try rows(ofQuery: "SELECT window_start, page, views FROM lambda_page_views", warehouse: warehouse)
        let sessions = try rows(ofQuery: "SELECT user_id, window_start, window_end, clicks FROM lambda_user_sessions", warehouse: warehouse)
        return (pageViews.map { "views|" + $0 } + sessions.map { "session|" + $0 }).sorted()
    }

    /// A table's rows as "a|b|c" lines of the named columns, sorted.
    static func rows(of location: String, columns: [String]) throws -> [String] {
        let table = try Table(fileSystem: LocalFileSystem(), path: location)
        var scan = try table.scan(columns: columns)
        let batch = try scan.readAll()
        return lines(of: batch)
    }

    /// The rows of a query over a warehouse folder as "a|b|c" lines, sorted.
    static func rows(ofQuery sql: String, warehouse: String) throws -> [String] {
        let session = SQLSession(catalog: WarehouseCatalog(root: warehouse), context: ExecutionContext(threadCount: 2))
        return lines(of: try session.execute(sql).combined)
    }

    private static func lines(of batch: RecordBatch) -> [String] {
        (0..<batch.rowCount).map { row in
            batch.columns.map { column -> String in
                switch column[row] {
                case .timestamp(let micros): return String(micros)
                case .int64(let value): return String(value)
                case .string(let text): return text
                case let other: return "\(other)"
                }
            }.joined(separator: "|")
        }.sorted()
    }
}
