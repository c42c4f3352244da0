/// The scheduler's view of a dataset, without its element type: identity, partitions, lineage
/// and where its partitions would best be computed.
public protocol DatasetNode: AnyObject, Sendable {
    /// Assigned in creation order by the context, so the same job code gives the same ids in
    /// every process (workers rebuild the DAG from the job's name and arguments).
    var id: Int { get }
    /// The operator that made it (`textFile`, `map`, `reduceByKey`, ...), for progress and errors.
    var name: String { get }
    var partitionCount: Int { get }
    var dependencies: [Dependency] { get }
    /// Hosts holding the partition's input (a split's block replicas); empty when any will do.
    func preferredLocations(partition: Int) -> [String]
}

/// How a dataset's partitions depend on its parent's.
public enum Dependency: Sendable {
    /// Each partition reads a known partition (or few) of the parent: pipelined in the same stage.
    case narrow(any DatasetNode)
    /// Each partition reads from every partition of the parent: a stage boundary.
    case shuffle(ShuffleDependency)
}
