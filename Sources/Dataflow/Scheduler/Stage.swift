/// A set of tasks that run the same pipelined operators on different partitions; stages are cut
/// at shuffles. A `ShuffleMapStage` writes shuffle output for a later stage, a `ResultStage`
/// computes an action's results.
public class Stage: @unchecked Sendable {
    // Sendable: created and mutated only by the DAG scheduler's job loop.
    public let id: Int
    /// The last dataset of the stage's pipeline; its partitions are the stage's tasks.
    public let dataset: any DatasetNode
    public let parents: [ShuffleMapStage]
    /// The operators pipelined in this stage, first to last: "textFile → flatMap → map".
    public let name: String

    init(id: Int, dataset: any DatasetNode, parents: [ShuffleMapStage]) {
        self.id = id
        self.dataset = dataset
        self.parents = parents
        self.name = Stage.pipelineName(of: dataset)
    }

    static func pipelineName(of dataset: any DatasetNode) -> String {
        var names: [String] = []
        var current: (any DatasetNode)? = dataset
        while let node = current {
            names.append(node.name)
            current = nil
            if case .narrow(let parent)? = node.dependencies.first { current = parent }
        }
        return names.reversed().joined(separator: " → ")
    }
}

/// Computes its dataset's partitions and writes them to a shuffle, for the stage after it.
public final class ShuffleMapStage: Stage, @unchecked Sendable {
    public let shuffle: ShuffleDependency
    /// Which map partitions have output registered; a lost worker clears its partitions.
    var outputLocations: [String?]
    /// What the shuffle's preparation produced, kept so re-run map tasks see the same bytes.
    var preparedBytes: [UInt8]?

    init(id: Int, shuffle: ShuffleDependency, parents: [ShuffleMapStage]) {
        self.shuffle = shuffle
        self.outputLocations = Array(repeating: nil, count: shuffle.parent.partitionCount)
        super.init(id: id, dataset: shuffle.parent, parents: parents)
    }

    var missingPartitions: [Int] {
        outputLocations.indices.filter { outputLocations[$0] == nil }
    }

    var isAvailable: Bool { missingPartitions.isEmpty }
}

/// Computes an action's result for some partitions of the job's final dataset.
public final class ResultStage: Stage, @unchecked Sendable {
    public let partitions: [Int]

    init(id: Int, dataset: any DatasetNode, partitions: [Int], parents: [ShuffleMapStage]) {
        self.partitions = partitions
        super.init(id: id, dataset: dataset, parents: parents)
    }
}
