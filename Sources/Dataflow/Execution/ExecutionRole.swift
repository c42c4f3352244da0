/// What a process does with a job's actions.
public enum ExecutionRole: Sendable, Equatable {
    /// Actions run jobs: the local executor, or the cluster's coordinator.
    case driver
    /// A cluster worker rebuilding the DAG to run one task; actions there run no jobs.
    case worker
}
