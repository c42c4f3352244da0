import SluiceCore

/// The parts of an `ExecutionConfig` that shape a job's DAG and its tasks, sent with a submission
/// and with every task so that workers build the same datasets (same partition counts, splits
/// and shuffle ids) as the coordinator.
public struct JobSettings: Codable, Sendable, Equatable {
    /// `ExecutionMode` raw value.
    public var mode: String
    public var defaultParallelism: Int
    public var shuffleMemoryLimitBytes: Int
    public var taskAttemptsMax: Int
    public var skipsBadRecords: Bool
    public var splitSizeBytes: Int

    /// The settings of `config` (its master and work folder stay with each process).
    public init(_ config: ExecutionConfig) {
        mode = config.mode.rawValue
        defaultParallelism = config.defaultParallelism
        shuffleMemoryLimitBytes = config.shuffleMemoryLimitBytes
        taskAttemptsMax = config.taskAttemptsMax
        skipsBadRecords = config.badRecordPolicy == .skip
        splitSizeBytes = config.splitSizeBytes
    }

    /// A config with these settings for `master`, its work folder at `workDirectory`.
    ///
    /// - Throws: `SluiceError.userInput` for an unknown mode.
    public func config(master: Master, workDirectory: String) throws -> ExecutionConfig {
        guard let mode = ExecutionMode(rawValue: mode) else {
            throw SluiceError.userInput("unknown mode '\(self.mode)'; expected \(ExecutionMode.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        return ExecutionConfig(master: master, mode: mode, defaultParallelism: defaultParallelism,
                               shuffleMemoryLimitBytes: shuffleMemoryLimitBytes, workDirectory: workDirectory,
                               taskAttemptsMax: taskAttemptsMax, badRecordPolicy: skipsBadRecords ? .skip : .fail,
                               splitSizeBytes: splitSizeBytes)
    }
}
