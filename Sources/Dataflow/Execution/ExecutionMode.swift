/// How a job moves records between stages.
public enum ExecutionMode: String, Sendable, CaseIterable {
    /// Spark's path: map output combined in a hash table and kept in memory when it fits, reduce
    /// side aggregation in a hash table; disk only past the memory limit.
    case dataflow
    /// Hadoop's path: map output sorted by key and spilled to disk with the combiner applied,
    /// spills merged into one file per map task, reducers merge-sort their segments.
    case mapreduce
}
