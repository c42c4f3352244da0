import Dataflow

/// A lambda pipeline. Every record of the topic is appended, exactly once, to the master
/// dataset (table `<pipeline>_master`: partition, offset, timestamp, key, value). A batch run
/// recomputes the batch view from the master dataset as of one table version; the offsets that
/// version holds are the **cut**. The speed layer counts only records from the cut on. The
/// serving view adds both, so every record is counted once: before the cut by the batch view,
/// after it by the speed view. Each batch run starts a new generation: tables
/// `<pipeline>_batch_g<N>` and `<pipeline>_speed_g<N>`, switched into the serving view together.
public struct LambdaLayers: Sendable {
    /// The view readers query (`sluice sql -c "SELECT ... FROM <servingView>"`).
    public var servingView: String
    /// Computes the batch view from the master dataset's rows (`MasterDataset.schema`) and saves
    /// it as a new table at the location given (with an explicit schema, so an empty master
    /// dataset still makes a table).
    public var batchLayer: @Sendable (_ master: Dataset<Row>, _ batchTableLocation: String) async throws -> Void
    /// The speed layer's stream query for a generation: it reads from `generation.startingAt`
    /// (the cut) and writes the table at the location given. It must not drop late records
    /// (keep windows open: the next batch run replaces them), or the merged answer would miss them.
    public var speedLayer: @Sendable (_ generation: PipelineGeneration, _ speedTableLocation: String) throws -> StreamQuery
    /// The serving view's query over a generation's batch and speed tables (by table name).
    public var servingQuery: @Sendable (_ batchTable: String, _ speedTable: String) -> String
    public init(servingView: String,
                batchLayer: @escaping @Sendable (_ master: Dataset<Row>, _ batchTableLocation: String) async throws -> Void,
                speedLayer: @escaping @Sendable (_ generation: PipelineGeneration, _ speedTableLocation: String) throws -> StreamQuery,
                servingQuery: @escaping @Sendable (_ batchTable: String, _ speedTable: String) -> String) {
        self.servingView = servingView
        self.batchLayer = batchLayer
        self.speedLayer = speedLayer
        self.servingQuery = servingQuery
    }
}
