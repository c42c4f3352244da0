/// A shuffle between a parent dataset (the map side) and its child (the reduce side). The map side
/// function is built where the element types are known and hides them from the scheduler.
public final class ShuffleDependency: Sendable {
    public let shuffleId: Int
    /// The dataset whose partitions the map tasks compute.
    public let parent: any DatasetNode
    public let reducePartitionCount: Int
    /// Computes map partition `task.partitionIndex` of `parent` and writes its shuffle output.
    public let runMapTask: @Sendable (TaskContext) throws -> MapOutput
    /// Work the map tasks need done once before any of them runs, such as sampling the parent for
    /// the range bounds of a sort. The scheduler awaits it after the parent's own shuffles exist
    /// and hands its bytes to every map task of the shuffle as `TaskContext.preparedBytes`; bytes,
    /// so a worker process gets them with the task instead of running the preparation again.
    /// It may run jobs of its own on the parent. Nil when the map tasks need nothing.
    public let prepare: (@Sendable () async throws -> [UInt8])?

    public init(shuffleId: Int, parent: any DatasetNode, reducePartitionCount: Int,
                prepare: (@Sendable () async throws -> [UInt8])? = nil,
                runMapTask: @escaping @Sendable (TaskContext) throws -> MapOutput) {
        self.shuffleId = shuffleId
        self.parent = parent
        self.reducePartitionCount = reducePartitionCount
        self.prepare = prepare
        self.runMapTask = runMapTask
    }
}
