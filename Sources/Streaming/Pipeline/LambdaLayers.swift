/// A lambda pipeline. Every record of the topic is appended, exactly once, to the master
/// dataset (table `<pipeline>_master`: partition, offset, timestamp, key, value). A batch run
/// recomputes every view's batch table from the master dataset as of one table version; the
/// offsets that version holds are the **cut**. The speed layers count only records from the cut
/// on. Each serving view merges its batch and speed tables, so every record is counted once:
/// before the cut by the batch layer, after it by the speed layer. Each batch run starts a new
/// generation of all the tables, switched into the serving views together.
public struct LambdaLayers: Sendable {
    /// The answers the pipeline serves, each with its own layers and view.
    public var views: [LambdaView]

    public init(views: [LambdaView]) {
        self.views = views
    }
}
