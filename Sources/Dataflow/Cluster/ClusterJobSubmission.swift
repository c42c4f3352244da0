import Cluster
import SluiceCore

/// The submitting side of `sluice submit JOB --master sluice://HOST:PORT`: sends the job to the
/// coordinator, hands its events to the caller as they come (for progress bars), and returns the
/// job's summary or throws its failure.
public enum ClusterJobSubmission {
    /// Runs `jobName` with `arguments` on the cluster whose coordinator is at `coordinatorAddress`.
    ///
    /// The job must be compiled into the coordinator's and workers' binary (the same `sluice`).
    /// On a cluster, actions whose results the job uses later (and `collect`) need
    /// `ShuffleCodable` results; see `TaskResultCodec`.
    ///
    /// - Parameters:
    ///   - coordinatorAddress: `HOST:PORT` (the master's address without `sluice://`).
    ///   - arguments: the job's options as typed, `--name value`; the coordinator checks them.
    ///   - config: mode, parallelism, memory and retry settings (its master and work folder are not sent).
    ///   - onEvent: called with each job event in order, from a background task.
    /// - Throws: `JobFailure` when a task failed every attempt; `SluiceError.userInput` for an
    ///   unknown job or option; `SluiceError.io` when the coordinator cannot be reached.
    public static func submit(coordinatorAddress: String, jobName: String, arguments: [String], config: ExecutionConfig,
                              onEvent: @escaping @Sendable (JobEvent) -> Void = { _ in }) async throws -> JobSummary {
        let client = JSONRPCClient(address: coordinatorAddress, timeoutSeconds: 60)
        let request = CoordinatorProtocol.SubmitJobRequest(jobName: jobName, arguments: arguments, settings: JobSettings(config))
        let runId: String
        do {
            runId = try await client.call(CoordinatorProtocol.Method.submitJob, request, as: CoordinatorProtocol.SubmitJobAnswer.self).runId
        } catch {
            throw ClusterHTTPAnswers.sluiceError(from: error, calling: "cannot submit to the coordinator at \(coordinatorAddress)")
        }
        var sequence = 0
        while true {
            let answer: CoordinatorProtocol.RunEventsAnswer
            do {
                answer = try await client.call(CoordinatorProtocol.Method.runEvents, CoordinatorProtocol.RunEventsRequest(runId: runId, afterSequence: sequence),
                                               as: CoordinatorProtocol.RunEventsAnswer.self)
            } catch {
                throw ClusterHTTPAnswers.sluiceError(from: error, calling: "lost the coordinator at \(coordinatorAddress) while job \(jobName) ran")
            }
            for wire in answer.events {
                if let event = wire.event { onEvent(event) }
            }
            sequence = answer.lastSequence
            guard let outcome = answer.outcome else { continue }
            if let failure = outcome.failure {
                if let jobFailure = failure.jobFailure { throw jobFailure.failure }
                throw SluiceError(SluiceError.Fault(rawValue: failure.fault) ?? .internal, failure.message)
            }
            return JobSummary(lines: outcome.summaryLines ?? [])
        }
    }
}
