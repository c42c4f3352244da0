import ArgumentParser
import Dispatch
import SluiceCore
import Streaming

#if canImport(Glibc)
import Glibc
#endif

/// `sluice pipeline run NAME`: keeps a pipeline running from its checkpoints.
struct PipelineRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: its stream queries from their checkpoints, until stopped or caught up.",
        discussion: """
            The first run makes generation 1 (lambda: after copying the topic into the master \
            dataset and a first batch run). A running pipeline takes the generations 'reprocess' \
            and 'batch' build elsewhere. Stops after the current batch on SIGINT or SIGTERM; \
            restarted, it goes on from its last checkpoint, exactly once.
            """
    )

    @OptionGroup var pipeline: PipelineOptions

    @Option(help: ArgumentHelp("'caught-up' stops once everything in the topic when the run started is processed; "
                               + "'stopped' runs until interrupted.", valueName: "when"))
    var until: RunUntil = .stopped

    @Option(help: ArgumentHelp("Lambda: run the batch layer this often (e.g. 10m, 1h).", valueName: "duration"))
    var batchEvery: String?

    @Flag(help: "Print nothing per round, only the summary.")
    var quiet = false

    enum RunUntil: String, ExpressibleByArgument {
        case caughtUp = "caught-up"
        case stopped
    }

    func run() throws {
        let runner = try pipeline.runner()
        let batchIntervalMillis = try batchEvery.map(RetentionDuration.parseMillis)
        let token = StopToken()
        let signals = PipelineRunCommand.stopOnSignals(token)
        defer { signals.forEach { $0.cancel() } }
        let condition: RunCondition = until == .caughtUp ? .caughtUp : .stopped(token)
        let quiet = self.quiet
        let summary = try runner.run(until: condition, batchIntervalMillis: batchIntervalMillis) { round in
            guard !quiet, round.recordsRead > 0 || round.switchedGeneration != nil else { return }
            writeStandardError(PipelineRoundText.line(round) + "\n")
        }
        let status = try runner.status()
        let output = StandardOutput()
        output.write("\(runner.definition.name): \(summary.recordsRead) records in \(summary.rounds) rounds, "
                     + "\(summary.lateRecords) late, \(summary.deadLetters) to \(runner.definition.name).dead-letter; "
                     + "generation \(status.currentGeneration) serves \(status.servedNames.joined(separator: ", "))\n")
        output.flush()
    }

    /// Stops `token` on SIGINT and SIGTERM, after the batch in flight.
    static func stopOnSignals(_ token: StopToken) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { token.stop() }
            source.resume()
            return source
        }
    }
}
