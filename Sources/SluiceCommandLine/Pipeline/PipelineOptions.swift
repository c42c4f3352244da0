import ArgumentParser
import Dataflow
import Foundation
import SluiceCore
import Streaming

/// What every `sluice pipeline` command that touches a pipeline takes: its name, the topic log
/// (`--broker` or the embedded store), the warehouse, and how its stream queries run.
struct PipelineOptions: ParsableArguments {
    @Argument(help: "The pipeline's name (see 'sluice pipeline list').")
    var name: String

    @OptionGroup var log: TopicLogOptions
    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: "Threads that run a micro-batch's tasks.")
    var threads: Int = 2

    @Option(help: "Milliseconds a running pipeline waits for new records when a batch found none.")
    var triggerMs: Int64 = 200

    @Option(help: "Records a micro-batch reads from each topic partition at most (smaller batches commit sooner).")
    var batchRecordsMax: Int64 = 1_000_000

    @Option(help: ArgumentHelp("Lambda: where the batch layer's job runs: local[N] threads in this process or sluice://HOST:PORT "
                               + "(a cluster's coordinator; the warehouse must then be one its workers reach, such as dfs://); "
                               + "default: the local executor.", valueName: "master"))
    var master: String?

    func validate() throws {
        guard threads > 0 else { throw ValidationError("--threads must be at least 1") }
        guard triggerMs > 0 else { throw ValidationError("--trigger-ms must be positive") }
        guard batchRecordsMax > 0 else { throw ValidationError("--batch-records-max must be positive") }
        do {
            _ = try master.map(Master.init(parsing:))
        } catch let error as SluiceError {
            throw ValidationError(error.message)
        }
    }

    /// How the lambda batch layer's job runs: the default executor unless `--master` says.
    private func batchExecution() throws -> ExecutionConfig {
        var config = ExecutionConfig()
        if let master { config.master = try Master(parsing: master) }
        return config
    }

    /// A runner for the named pipeline over the chosen log and warehouse.
    func runner() throws -> PipelineRunner {
        let definition = try InstalledPipelines.named(name)
        let location = try warehouse.location()
        // The lock marks the running process on this machine: beside a local warehouse, else in
        // the Sluice home (a dfs:// warehouse has no file locks).
        let lockFolder: String
        if location.fileSystem is LocalFileSystem {
            lockFolder = location.path + "/_pipelines"
        } else {
            lockFolder = TopicLogOptions.sluiceHome(environment: ProcessInfo.processInfo.environment) + "/pipelines"
        }
        let environment = PipelineEnvironment(log: try log.open(), warehouse: location.description, taskThreadCount: threads,
                                              triggerIntervalMillis: triggerMs, recordsPerPartitionPerBatchMax: batchRecordsMax,
                                              batchExecution: try batchExecution(),
                                              runnerLockFolder: lockFolder)
        return PipelineRunner(definition: definition, environment: environment)
    }
}
