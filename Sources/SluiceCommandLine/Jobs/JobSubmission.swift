import ArgumentParser
import Cluster
import Dataflow
import SluiceCore

#if canImport(Glibc)
import Glibc
#endif

/// One run of `sluice submit`: makes the context, runs the job with progress on standard error,
/// prints the report on standard output and records the run in the history.
struct JobSubmission {
    let job: JobDefinition
    let arguments: JobArguments
    let settings: SubmitSettings
    let history: JobHistory

    /// - Throws: the job's `SluiceError` as is; for a failed task, `ExitCode` after writing the
    ///   failure (stage, partition, cause) to standard error: 2 when the cause is a bug in
    ///   Sluice, else 1.
    func run() throws {
        let config = settings.executionConfig
        let tracker = JobRunTracker()
        let startMillis = SystemWallClock().nowMillis()
        let clock = ContinuousClock()
        let start = clock.now
        let outcome: Result<JobSummary, any Error>
        switch config.master {
        case .local:
            // The driver runs here, on this process's task threads.
            let context = try DataflowContext(config: config)
            tracker.follow(context)
            let display = JobProgressDisplay.start(tracker: tracker)
            outcome = Result { try BlockingBridge.run { [job, arguments] in try await job.run(context, arguments) } }
            display.finish()
            context.close()
        case .cluster(let host, let port):
            // The coordinator runs the driver with its workers and streams the job's events back.
            let display = JobProgressDisplay.start(tracker: tracker)
            outcome = Result {
                try BlockingBridge.run { [job, arguments] in
                    try await ClusterJobSubmission.submit(coordinatorAddress: "\(host):\(port)", jobName: job.name,
                                                          arguments: arguments.commandLine, config: config) { tracker.handle($0) }
                }
            }
            display.finish()
        }
        let elapsed = clock.now - start

        var record = JobRunRecord(
            id: JobHistory.newRunId(startMillis: startMillis), job: job.name, arguments: arguments.commandLine,
            master: config.master.description, mode: config.mode.rawValue,
            startTime: CivilTime.formatISOTimestamp(micros: startMillis * 1000, fractionDigits: 0),
            durationMillis: Int64(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            status: .succeeded, message: nil, summary: [], stages: tracker.snapshot)
        switch outcome {
        case .success(let summary): record.summary = summary.lines
        case .failure(let error):
            record.status = .failed
            record.message = JobSubmission.failureText(error)
        }
        do {
            try history.append(record)
        } catch {
            writeStandardError("sluice: warning: the run was not recorded in the job history: \(error)\n")
        }
        let output = StandardOutput()
        output.write(JobRunReport.text(record, tableWidthMax: TerminalDevice.isTerminal(STDOUT_FILENO)
                                       ? TerminalDevice.widthColumns(of: STDOUT_FILENO) : nil))
        output.flush()
        if case .failure(let error) = outcome { throw JobSubmission.commandError(error) }
    }

    /// The failure as the history keeps it.
    static func failureText(_ error: any Error) -> String {
        if let error = error as? SluiceError { return error.description }
        return String(describing: error)
    }

    /// What `main` reports for a failed job: a `SluiceError` stays one (its fault picks the exit
    /// code); a failed task is written here and exits 1, or 2 when Sluice itself failed.
    static func commandError(_ error: any Error) -> any Error {
        if error is SluiceError { return error }
        writeStandardError("sluice: \(error)\n")
        if let failure = error as? JobFailure, failure.cause.hasPrefix(SluiceError.Fault.internal.rawValue + ":") {
            return ExitCode(SluiceExitCode.internalError)
        }
        return ExitCode(SluiceExitCode.userError)
    }
}
