import Dataflow
import SluiceCore

/// Cuts each user's clickstream into sessions: a session ends after a gap without events.
public enum Sessionize {
    public static let definition = JobDefinition(
        name: "sessionize",
        summary: "Groups click events into per-user sessions split at inactivity gaps.",
        options: [
            JobOption("input", help: "JSON lines with user_id, page and event_time", defaultValue: "datasets/clicks.jsonl"),
            JobOption("output", help: "folder for 'user<TAB>start<TAB>end<TAB>events<TAB>pages' part files"),
            JobOption("gap-minutes", help: "inactivity that ends a session", defaultValue: "30"),
            JobOption("overwrite", help: "replace the output folder if it exists", defaultValue: "false"),
        ],
        run: run)

    /// One event of a user: when, and which page.
    struct Click: ShuffleCodable, Sendable {
        var timeMicros: Int64
        var page: String

        func encode(into writer: inout RecordWriter) {
            timeMicros.encode(into: &writer)
            page.encode(into: &writer)
        }

        static func decode(from reader: inout RecordReader) throws(SluiceError) -> Click {
            Click(timeMicros: try Int64.decode(from: &reader), page: try String.decode(from: &reader))
        }
    }

    /// A finished session of one user.
    struct Session: Sendable {
        var user: Int
        var startMicros: Int64
        var endMicros: Int64
        var eventCount: Int
        var distinctPageCount: Int
    }

    /// The sessions of one user's clicks, which may arrive in any order.
    static func cutSessions(user: Int, clicks: [Click], gapMicros: Int64) -> [Session] {
        var sessions: [Session] = []
        var pages = Set<String>()
        for click in clicks.sorted(by: { ($0.timeMicros, $0.page) < ($1.timeMicros, $1.page) }) {
            if var current = sessions.last, click.timeMicros - current.endMicros <= gapMicros {
                current.endMicros = click.timeMicros
                current.eventCount += 1
                pages.insert(click.page)
                current.distinctPageCount = pages.count
                sessions[sessions.count - 1] = current
            } else {
                pages = [click.page]
                sessions.append(Session(user: user, startMicros: click.timeMicros, endMicros: click.timeMicros,
                                        eventCount: 1, distinctPageCount: 1))
            }
        }
        return sessions
    }

    @Sendable
    static func run(context: DataflowContext, arguments: JobArguments) async throws -> JobSummary {
        let gapMicros = Int64(try arguments.int("gap-minutes")) * 60_000_000
        let sessions = try context.jsonLines(arguments.string("input"))
            .map { row -> (Int, Click) in
                guard let user = try row.int("user_id"), let time = try row.timestamp("event_time") else {
                    throw SluiceError.data("a click needs user_id and event_time: \(row)")
                }
                return (user, Click(timeMicros: time, page: try row.string("page") ?? ""))
            }
            .groupByKey()
            .flatMap { user, clicks in cutSessions(user: user, clicks: clicks, gapMicros: gapMicros) }
            .cache()
        let output = try arguments.string("output")
        try await sessions.saveText(to: output, overwrite: arguments.bool("overwrite")) { session in
            "\(session.user)\t\(CivilTime.formatTimestamp(micros: session.startMicros))\t\(CivilTime.formatTimestamp(micros: session.endMicros))"
                + "\t\(session.eventCount)\t\(session.distinctPageCount)"
        }
        // (events, seconds) as a KeyValue, not a tuple: on a cluster the action's result travels between processes.
        let counts = try await sessions.map { KeyValue($0.eventCount, ($0.endMicros - $0.startMicros) / 1_000_000) }.collect()
        let sessionCount = counts.count
        let eventCount = counts.reduce(0) { $0 + $1.key }
        let meanSeconds = sessionCount == 0 ? 0 : counts.reduce(0) { $0 + $1.value } / Int64(sessionCount)
        return JobSummary(lines: [
            "sessions written to \(output)",
            "\(sessionCount) sessions, \(eventCount) events, \(sessionCount == 0 ? 0 : eventCount / sessionCount) events and \(meanSeconds) s per session on average",
        ])
    }
}
