import Dataflow
import SluiceCore

/// The options of `sluice submit` that are not the job's: where and how it runs.
struct SubmitSettings: Equatable {
    var master: Master
    var mode: ExecutionMode
    var shuffleMemoryLimitBytes: Int?
    var defaultParallelism: Int?
    var badRecordPolicy: BadRecordPolicy

    /// Checks the option values as given on the command line; nil values take the defaults.
    ///
    /// - Throws: `SluiceError.userInput` naming the option and its accepted values.
    init(master: String?, mode: String?, memory: String?, parallelism: String?, badRecords: String?) throws {
        self.master = try master.map { try Master(parsing: $0) } ?? .local(threadCount: Master.processorCount)
        if let mode {
            guard let parsed = ExecutionMode(rawValue: mode) else {
                throw SluiceError.userInput("--mode '\(mode)': expected \(ExecutionMode.allCases.map(\.rawValue).joined(separator: " or "))")
            }
            self.mode = parsed
        } else {
            self.mode = .dataflow
        }
        shuffleMemoryLimitBytes = try memory.map { try ByteCountText.parse($0, optionName: "--memory") }
        if let parallelism {
            guard let count = Int(parallelism), count > 0 else {
                throw SluiceError.userInput("--parallelism '\(parallelism)': expected a positive number of partitions")
            }
            defaultParallelism = count
        } else {
            defaultParallelism = nil
        }
        switch badRecords {
        case nil, "fail": badRecordPolicy = .fail
        case "skip": badRecordPolicy = .skip
        case let other?: throw SluiceError.userInput("--bad-records '\(other)': expected fail or skip")
        }
    }

    var executionConfig: ExecutionConfig {
        var config = ExecutionConfig(master: master, mode: mode, defaultParallelism: defaultParallelism, badRecordPolicy: badRecordPolicy)
        if let shuffleMemoryLimitBytes { config.shuffleMemoryLimitBytes = shuffleMemoryLimitBytes }
        return config
    }
}
