import SluiceCore

extension PipelineRunner {
    /// Kappa: replays the topic from its start into a new generation of the output tables and,
    /// once that generation has caught up, switches readers to it atomically (one view rewrite
    /// per output). When another process runs the pipeline, that process catches the new
    /// generation up the last stretch, switches, and carries on with it.
    /// - Throws: a user error for a lambda pipeline, or while another process builds a
    ///   generation; whatever the queries throw.
    @discardableResult
    public func reprocess() throws -> PipelineGenerationSwitch {
        guard case .kappa = definition.shape else {
            throw SluiceError.userInput("pipeline '\(definition.name)' is a lambda pipeline; recompute it with 'sluice pipeline batch'")
        }
        return try buildingGeneration { runsPipeline in
            let record = try newRecord(startOffsets: try sourceStartOffsets(), masterVersion: nil)
            logger.info("reprocessing", metadata: ["pipeline": "\(definition.name)", "generation": "\(record.number)"])
            try catchUp(try makeQueries(for: record))
            return try switchOrHandOver(record, holdingLock: runsPipeline)
        }
    }
}
