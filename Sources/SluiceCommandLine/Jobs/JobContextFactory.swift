import Dataflow
import SluiceCore

/// Makes the `DataflowContext` a submitted job runs on, by its master: the one place that picks
/// the task backend.
enum JobContextFactory {
    /// - Throws: `SluiceError.userInput` for a master this build cannot run on; what the
    ///   context throws for its work folder.
    static func makeContext(config: ExecutionConfig) throws -> DataflowContext {
        switch config.master {
        case .local:
            return try DataflowContext(config: config)
        case .cluster:
            throw SluiceError.userInput("master \(config.master): the cluster master is not available in this build yet; use --master local[N]")
        }
    }
}
