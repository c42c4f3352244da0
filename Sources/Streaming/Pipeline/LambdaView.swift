import Dataflow

/// One answer of a lambda pipeline: a batch layer computing it from the master dataset, a speed
/// layer computing it from the records after the cut, and the serving view merging both.
///
/// A generation's tables are `<pipeline>_<name>_batch_g<N>` and `<pipeline>_<name>_speed_g<N>`.
/// The merge need not be a sum: any query over the two tables that gives the answer over all
/// records (sessions, for instance, join where a batch session and a speed session overlap).
public struct LambdaView: Sendable {
    /// Names this view's tables; letters, digits and `_`.
    public var name: String
    /// The view readers query (`sluice sql -c "SELECT ... FROM <servingView>"`).
    public var servingView: String
    /// Computes the batch view from the master dataset's rows (`MasterDataset.schema`) and saves
    /// it as a new table at the location given (with an explicit schema, so an empty master
    /// dataset still makes a table).
    public var batchLayer: @Sendable (_ master: Dataset<Row>, _ batchTableLocation: String) async throws -> Void
    /// The speed layer's stream query for a generation: it reads from `generation.startingAt`
    /// (the cut) and writes the table at the location given, under a query name of its own. It
    /// must not drop late records (keep windows open: the next batch run replaces them), or the
    /// merged answer would miss them.
    public var speedLayer: @Sendable (_ generation: PipelineGeneration, _ speedTableLocation: String) throws -> StreamQuery
    /// The serving view's query over a generation's batch and speed tables (by table name).
    public var servingQuery: @Sendable (_ batchTable: String, _ speedTable: String) -> String

    public init(name: String, servingView: String,
                batchLayer: @escaping @Sendable (_ master: Dataset<Row>, _ batchTableLocation: String) async throws -> Void,
                speedLayer: @escaping @Sendable (_ generation: PipelineGeneration, _ speedTableLocation: String) throws -> StreamQuery,
                servingQuery: @escaping @Sendable (_ batchTable: String, _ speedTable: String) -> String) {
        self.name = name
        self.servingView = servingView
        self.batchLayer = batchLayer
        self.speedLayer = speedLayer
        self.servingQuery = servingQuery
    }
}
