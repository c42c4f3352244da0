/// A shuffle between a parent dataset (the map side) and its child (the reduce side). The map side
/// function is built where the element types are known and hides them from the scheduler.
public final class ShuffleDependency: Sendable {
    public let shuffleId: Int
    /// The dataset whose partitions the map tasks compute.
    public let parent: any DatasetNode
    public let reducePartitionCount: Int
    /// Computes map partition `task.partitionIndex` of `parent` and writes its shuffle output.
    public let runMapTask: @Sendable (TaskContext) throws -> MapOutput

    public init(shuffleId: Int, parent: any DatasetNode, reducePartitionCount: Int,
                runMapTask: @escaping @Sendable (TaskContext) throws -> MapOutput) {
        self.shuffleId = shuffleId
        self.parent = parent
        self.reducePartitionCount = reducePartitionCount
        self.runMapTask = runMapTask
    }
}
