import ArgumentParser
import Dispatch
import Foundation
import SQL
import SluiceCore
import Streaming

/// `sluice demo stream`: the kappa example live on the embedded defaults — sample clicks are
/// produced at a steady rate while the pipeline runs, and the counts of the current minute,
/// read through the same view `sluice sql` queries, are shown every second.
struct DemoStreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Run the kappa example pipeline on live sample clicks and show its counts as they change.",
        discussion: """
            Produces clicks to topic 'clicks' (the embedded store, or --broker) and runs the \
            pipeline (default clickstream-kappa) into the warehouse. Afterwards the tables stay: \
            query them with 'sluice sql', or run the pipeline on with 'sluice pipeline run'.
            """
    )

    @Option(help: "The pipeline to run (it must have sample events).")
    var pipeline = "clickstream-kappa"

    @Option(help: "How long to run, in seconds.")
    var seconds = 20

    @Option(help: "Clicks produced per second.")
    var rate = 500

    @Option(help: "Seed of the sample clicks.")
    var seed: UInt64 = 7

    @OptionGroup var log: TopicLogOptions
    @OptionGroup var warehouse: WarehouseOptions

    func validate() throws {
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
        guard rate > 0 else { throw ValidationError("--rate must be positive") }
    }

    func run() throws {
        let definition = try InstalledPipelines.named(pipeline)
        guard let makeEvents = definition.sampleEvents else {
            throw SluiceError.userInput("pipeline '\(pipeline)' has no sample events to demonstrate with")
        }
        var options = try PipelineOptions.parse([pipeline])
        options.log = log
        options.warehouse = warehouse
        options.triggerMs = 100
        let runner = try options.runner()
        let events = makeEvents(seed)
        let topicLog = runner.environment.log
        try runner.ensureSourceTopicExists()

        let token = StopToken()
        let signals = PipelineRunCommand.stopOnSignals(token)
        defer { signals.forEach { $0.cancel() } }
        let counters = DemoCounters()
        let producer = Thread { [rate] in DemoStreamCommand.produce(events, to: topicLog, topic: definition.sourceTopic, rate: rate,
                                                                    counters: counters, token: token) }
        producer.start()
        let pipelineDone = DispatchSemaphore(value: 0)
        let outcome = DemoOutcome()
        Thread {
            outcome.set(Result {
                try runner.run(until: .stopped(token)) { round in counters.addProcessed(round.recordsRead, watermark: round.watermarkMillis) }
            })
            pipelineDone.signal()
        }.start()

        let location = try warehouse.location()
        let session = SQLSession(catalog: WarehouseCatalog(fileSystem: location.fileSystem, root: location.path),
                                 context: ExecutionContext(threadCount: 1))
        let began = Date()
        var output = StandardOutput()
        output.write("producing \(rate) clicks a second to '\(definition.sourceTopic)', pipeline \(pipeline) → "
                     + definition.servedNames.joined(separator: ", ") + " in \(location.description)\n")
        output.flush()
        while !token.isStopped && Date().timeIntervalSince(began) < Double(seconds) {
            token.wait(millis: 1_000)
            output = StandardOutput()
            output.write(DemoStreamCommand.frame(session: session, counters: counters, elapsed: Date().timeIntervalSince(began)))
            output.flush()
        }
        token.stop()
        pipelineDone.wait()
        let summary = try outcome.result()
        output = StandardOutput()
        output.write("\n\(summary.recordsRead) records processed, \(summary.lateRecords) late, \(summary.deadLetters) dead letters.\n"
                     + "Try: sluice sql -c \"SELECT page, SUM(views) AS views FROM page_views GROUP BY page ORDER BY views DESC LIMIT 5\"\n")
        output.flush()
    }

    /// Produces `rate` events a second in 20 batches a second until stopped.
    static func produce(_ events: SampleEventSource, to log: any TopicLog, topic: String, rate: Int, counters: DemoCounters, token: StopToken) {
        let batchesPerSecond = 20
        var sent = 0
        let began = Date()
        while !token.isStopped {
            let due = Int(Date().timeIntervalSince(began) * Double(rate))
            if due > sent {
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                let records = (sent..<due).map { _ in events.next(nowMillis: now) }
                do {
                    _ = try log.produce(topic: topic, records: records)
                    sent = due
                    counters.addProduced(records.count)
                } catch {
                    writeStandardError("sluice: producing sample events failed: \(error)\n")
                    token.stop()
                    return
                }
            }
            token.wait(millis: Int64(1000 / batchesPerSecond))
        }
    }

    /// One refresh: progress and the busiest pages of the newest minute.
    static func frame(session: SQLSession, counters: DemoCounters, elapsed: Double) -> String {
        let snapshot = counters.snapshot()
        var text = String(format: "\n%4.0fs  produced %d · processed %d", elapsed, snapshot.produced, snapshot.processed)
        if let watermark = snapshot.watermarkMillis { text += " · watermark " + CivilTime.formatTimestamp(micros: watermark * 1000) }
        text += "\n"
        let query = """
            SELECT page, views FROM page_views
            WHERE window_start = (SELECT MAX(window_start) FROM page_views)
            ORDER BY views DESC, page LIMIT 5
            """
        guard let result = try? session.execute(query) else { return text + "      (no counts yet)\n" }
        let batch = result.combined
        guard batch.rowCount > 0 else { return text + "      (no counts yet)\n" }
        text += "      views this minute:"
        for row in 0..<batch.rowCount {
            text += "  \(batch.columns[0][row].description) \(batch.columns[1][row].description)"
        }
        return text + "\n"
    }
}

/// What the demo's producer and pipeline have done, for the display.
final class DemoCounters: @unchecked Sendable {
    // Sendable: every field is touched only under `lock`.
    private let lock = Mutex()
    private var produced = 0
    private var processed: Int64 = 0
    private var watermarkMillis: Int64?

    func addProduced(_ count: Int) { lock.withLock { produced += count } }

    func addProcessed(_ count: Int64, watermark: Int64?) {
        lock.withLock {
            processed += count
            if let watermark { watermarkMillis = max(watermarkMillis ?? watermark, watermark) }
        }
    }

    func snapshot() -> (produced: Int, processed: Int64, watermarkMillis: Int64?) {
        lock.withLock { (produced, processed, watermarkMillis) }
    }
}

/// The pipeline thread's result, handed to the main thread.
final class DemoOutcome: @unchecked Sendable {
    // Sendable: `stored` is touched only under `lock`.
    private let lock = Mutex()
    private var stored: Result<PipelineRunSummary, any Error>?

    func set(_ result: Result<PipelineRunSummary, any Error>) { lock.withLock { stored = result } }

    func result() throws -> PipelineRunSummary {
        guard let stored = lock.withLock({ stored }) else { throw SluiceError.internal("the demo pipeline left no result") }
        return try stored.get()
    }
}
