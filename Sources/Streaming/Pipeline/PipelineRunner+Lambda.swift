import Cluster
import Dataflow
import SluiceCore
import Warehouse

extension PipelineRunner {
    /// Lambda: recomputes the batch views from the master dataset as it is now, starts the speed
    /// layers from the cut that version holds, and switches the serving views to both (or hands
    /// them to the process running the pipeline, which switches).
    ///
    /// Blocks the calling thread until readers switched: call it from a thread of its own, not
    /// from a Swift concurrency task (the batch job's actions are awaited through a bridge that
    /// waits on this thread).
    /// - Throws: a user error for a kappa pipeline, or while another process builds a
    ///   generation; whatever the batch job or the queries throw.
    @discardableResult
    public func runBatchLayer() throws -> PipelineGenerationSwitch {
        guard case .lambda = definition.shape else {
            throw SluiceError.userInput("pipeline '\(definition.name)' is a kappa pipeline; it has no batch layer (use 'sluice pipeline reprocess')")
        }
        return try buildingGeneration { runsPipeline in try runBatchLayer(holdingLock: runsPipeline) }
    }

    /// The batch run of a process that runs the pipeline (its loop calls this on schedule).
    /// - Returns: nil, without running, while another process builds a generation (it hands
    ///   that one over).
    @discardableResult
    func runBatchLayerHoldingLock() throws -> PipelineGenerationSwitch? {
        guard try takeBuildLock() else { return nil }
        defer { releaseBuildLock() }
        return try runBatchLayer(holdingLock: true)
    }

    private func runBatchLayer(holdingLock: Bool) throws -> PipelineGenerationSwitch {
        guard case .lambda(let layers) = definition.shape else { throw SluiceError.internal("batch layer of a kappa pipeline") }
        // Only the running process appends to the master dataset; bring it up to date first.
        if holdingLock, let ingest = try masterIngestQuery() { try catchUp([ingest]) }
        let masterLocation = locations.tableLocation(locations.masterTable)
        let master = try openOrCreateMasterTable(masterLocation)
        let masterVersion = try master.snapshot().version
        let partitionCount = try sourceEndOffsets().count

        // The cut is read here; the batch views are computed here too, or on a cluster.
        var driverConfig = environment.batchExecution
        if case .cluster = driverConfig.master { driverConfig.master = .local(threadCount: environment.taskThreadCount) }
        let context = try DataflowContext(config: driverConfig, fileSystems: environment.fileSystems)
        defer { context.close() }
        let rows = try context.table(masterLocation, version: Int(masterVersion))
        let cut = try BlockingBridge.run { try await Self.cut(of: rows, partitionCount: partitionCount) }
        var record = try newRecord(startOffsets: cut, masterVersion: masterVersion)
        // A batch run that died before switching readers left this number's tables and speed
        // checkpoints behind. They belong to an earlier cut: a speed layer resumed from them
        // would count again what this batch view covers.
        try dropGeneration(record.number)
        let batchTaskCount = try computeBatchViews(layers, context: context, masterVersion: masterVersion, generation: record.number)
        logger.info("batch view computed", metadata: ["pipeline": "\(definition.name)", "generation": "\(record.number)",
                                                       "masterVersion": "\(masterVersion)", "cut": "\(cut)"])
        try catchUp(try makeQueries(for: record))
        record.createdMillis = environment.clock.nowMillis()
        var outcome = try switchOrHandOver(record, holdingLock: holdingLock)
        outcome.masterVersion = masterVersion
        outcome.cutOffsets = cut
        outcome.batchLayerMaster = environment.batchExecution.master.description
        outcome.batchLayerTaskCount = batchTaskCount
        return outcome
    }

    /// Runs the batch layer's job in this process or on the cluster `batchExecution` names.
    /// - Returns: how many tasks it ran.
    private func computeBatchViews(_ layers: LambdaLayers, context: DataflowContext, masterVersion: Int64, generation: Int) throws -> Int {
        let taskCount = TaskCounter()
        switch environment.batchExecution.master {
        case .local:
            context.scheduler.addListener { taskCount.count($0) }
            try BlockingBridge.run { [locations] in
                try await LambdaBatchJob.computeBatchViews(layers, context: context, locations: locations,
                                                           masterVersion: Int(masterVersion), generation: generation)
            }
        case .cluster(let host, let port):
            let arguments = LambdaBatchJob.arguments(locations: locations, masterVersion: masterVersion, generation: generation)
            let (jobName, config) = (LambdaBatchJob.jobName(of: definition.name), environment.batchExecution)
            _ = try BlockingBridge.run {
                try await ClusterJobSubmission.submit(coordinatorAddress: "\(host):\(port)", jobName: jobName, arguments: arguments,
                                                      config: config) { taskCount.count($0) }
            }
        }
        return taskCount.value
    }

    /// Per source partition, one past the largest offset the master dataset holds (0 when it
    /// holds none of that partition): the first record the speed layer must count.
    static func cut(of master: Dataset<Row>, partitionCount: Int) async throws -> [Int64] {
        let maxima = try await master
            .map { row -> (Int, Int) in
                guard let partition = try row.int(MasterDataset.partitionColumn), let offset = try row.int(MasterDataset.offsetColumn) else {
                    throw SluiceError.data("a master dataset row without partition or offset")
                }
                return (partition, offset)
            }
            .reduceByKey { Swift.max($0, $1) }
            .collect()
        var cut = [Int64](repeating: 0, count: partitionCount)
        for (partition, offset) in maxima where partition < partitionCount { cut[partition] = Int64(offset) + 1 }
        return cut
    }

    private func openOrCreateMasterTable(_ location: String) throws -> Table {
        let (fileSystem, path) = try environment.fileSystems.resolve(location)
        if fileSystem.exists(path + "/_delta_log") { return try Table(fileSystem: fileSystem, path: path) }
        do {
            return try Table.create(fileSystem: fileSystem, path: path, schema: MasterDataset.schema)
        } catch let error as SluiceError where error.condition == .alreadyExists {
            return try Table(fileSystem: fileSystem, path: path)
        }
    }
}
