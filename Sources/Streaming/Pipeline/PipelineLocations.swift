/// Where a pipeline keeps its things in the warehouse: tables beside the others, and its
/// state and checkpoints under `_pipelines/<name>/` (a folder the SQL catalog does not list).
public struct PipelineLocations: Sendable {
    public let warehouse: String
    public let pipelineName: String

    public init(warehouse: String, pipelineName: String) {
        self.warehouse = warehouse
        self.pipelineName = pipelineName
    }

    /// The pipeline's own folder.
    public var folder: String { Self.join(warehouse, "_pipelines/" + pipelineName) }
    /// The pipeline's state file (current generation, generations made).
    public var stateFile: String { folder + "/state.json" }
    /// A generation handed to a running pipeline to switch to.
    public var handoverFile: String { folder + "/handover.json" }
    /// Checkpoints of a generation's queries.
    public func generationCheckpoints(_ number: Int) -> String { folder + "/g\(number)" }
    /// Checkpoints of the lambda master dataset's ingest, which outlives generations.
    public var masterCheckpoints: String { folder + "/master" }
    /// The lambda master dataset's table name.
    public var masterTable: String { pipelineName.replacingDashes + "_master" }

    public func tableLocation(_ table: String) -> String { Self.join(warehouse, table) }

    /// A lambda generation's batch table of one answer.
    public func batchTable(_ view: LambdaView, generation: Int) -> String {
        "\(pipelineName.replacingDashes)_\(view.name)_batch_g\(generation)"
    }

    /// A lambda generation's speed table of one answer.
    public func speedTable(_ view: LambdaView, generation: Int) -> String {
        "\(pipelineName.replacingDashes)_\(view.name)_speed_g\(generation)"
    }

    /// `base/child` without doubling a slash.
    static func join(_ base: String, _ child: String) -> String {
        base.hasSuffix("/") ? base + child : base + "/" + child
    }
}

extension String {
    /// Table names take `_` where a pipeline name may have `-`.
    var replacingDashes: String { String(map { $0 == "-" ? "_" : $0 }) }
}
