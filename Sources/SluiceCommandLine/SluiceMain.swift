import BlockStore
import Dataflow
import Logging
import SluiceCore
import Streaming

#if canImport(Glibc)
import Glibc
#endif

/// The whole `sluice` command line, for a binary of one's own: Sluice's `sluice` calls it with the
/// example jobs, a user's package calls it with its own jobs and gets `submit`, `jobs`, the
/// worker and every other command for them.
///
/// ```swift
/// // main.swift of a package that depends on Sluice's `SluiceCommandLine` and `Dataflow`
/// import SluiceCommandLine
/// SluiceMain.run(jobs: MyJobs.all)
/// ```
public enum SluiceMain {
    /// Sets up the process (stop signals, logging to standard error, the `dfs://` scheme), parses
    /// the command line and runs the command, then exits with its status.
    ///
    /// - Parameters:
    ///   - jobs: the jobs `submit` and `jobs` know by name; every process of a cluster must be the
    ///     same binary so workers know the same jobs.
    ///   - pipelines: the stream pipelines `sluice pipeline` runs by name.
    public static func run(jobs: [JobDefinition], pipelines: [PipelineDefinition] = []) -> Never {
        SignalMask.unblockStopSignals()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        BlockStoreFileSystem.registerForDFSScheme()
        // A lambda pipeline's batch layer is a job too, so a cluster's workers can run it.
        InstalledJobs.catalog = JobCatalog(jobs + pipelines.compactMap(LambdaBatchJob.definition))
        InstalledPipelines.all = pipelines
        SluiceCommand.main()
        exit(0)
    }
}
