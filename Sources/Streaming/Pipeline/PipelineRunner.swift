#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dataflow
import Logging
import SluiceCore
import Warehouse

/// Runs a pipeline by its definition: its generations' stream queries (and, for lambda, the
/// master dataset's ingest), switches readers between generations, reprocesses (kappa) and runs
/// the batch layer (lambda).
///
/// One process runs a pipeline at a time (the runner lock, when the environment names a lock
/// folder). A `reprocess` or `batch` while another process runs the pipeline builds its new
/// generation itself, then hands it over (`handover.json`); the running process catches the
/// generation up, switches the readers and carries on with it. One process at a time builds a
/// new generation (the build lock), so two never pick the same generation number.
///
/// Threading: one thread drives a runner; `stop` may be called from any.
public final class PipelineRunner: @unchecked Sendable {
    // Sendable: driven by one thread at a time, as documented.
    public let definition: PipelineDefinition
    public let environment: PipelineEnvironment
    public let locations: PipelineLocations
    let logger = Logger(label: "sluice.pipeline")
    private var runnerLock: ProcessFileLock?
    private var buildLock: ProcessFileLock?
    /// The queries of the generation readers see, built on first use.
    private var currentQueries: (generation: Int, queries: [StreamQuery])?
    private var masterIngest: StreamQuery?
    /// Batches run outside a round (catching a generation up), counted into the next round,
    /// with their query's name.
    private var progressOutsideRounds: [(progress: BatchProgress, query: String)] = []

    public init(definition: PipelineDefinition, environment: PipelineEnvironment) {
        self.definition = definition
        self.environment = environment
        locations = PipelineLocations(warehouse: environment.warehouse, pipelineName: definition.name)
    }

    // MARK: - Running

    /// Runs the pipeline until `condition` holds: `.caughtUp` stops once every query has read
    /// what the topic held when the run started; `.stopped` runs until the token is stopped;
    /// `.batches(n)` runs n rounds of batches. The first run makes generation 1 (lambda: after
    /// ingesting the topic into the master dataset and a first batch run).
    /// - Parameters:
    ///   - batchIntervalMillis: lambda only: run the batch layer this often while running.
    ///   - onRound: called after each round of batches with what the round did.
    ///
    /// Blocks the calling thread while it runs: call it from a thread of its own, not from a
    /// Swift concurrency task (a lambda batch run awaits its job through a bridge that waits on
    /// this thread, and a long run would hold one of the few threads tasks share).
    /// - Throws: a user error when another process runs the pipeline; whatever a query throws
    ///   (but with `.stopped`, an I/O failure — the broker or the block store away — is logged
    ///   and the round tried again from the last checkpoints, with growing pauses up to 5 s).
    @discardableResult
    public func run(until condition: RunCondition, batchIntervalMillis: Int64? = nil,
                    onRound: (@Sendable (PipelineRound) -> Void)? = nil) throws -> PipelineRunSummary {
        try takeRunnerLock(orFail: true)
        defer { releaseRunnerLock() }
        var summary = PipelineRunSummary()
        var failedInARow = 0
        var targets: [Int64] = []
        while true {
            if case .stopped(let token) = condition, token.isStopped { return summary }
            let started = try toleratingOutages(condition, failedInARow: &failedInARow) {
                try ensureSourceTopic()
                if try readState().currentGeneration == 0 { try makeFirstGeneration() }
                try writeViews(for: try readState().currentGeneration)
                targets = try sourceEndOffsets()
            }
            if started { break }
        }
        var lastBatchRunMillis = environment.clock.nowMillis()
        var rounds = 0
        while true {
            if case .stopped(let token) = condition, token.isStopped { break }
            var round = PipelineRound(generation: 0)
            let ranRound = try toleratingOutages(condition, failedInARow: &failedInARow) {
                round.generation = try readState().currentGeneration
                if let master = try masterIngestQuery() { round.add(try master.runBatch(), query: master.pipelineName) }
                for query in try queriesOfCurrentGeneration() { round.add(try query.runBatch(), query: query.pipelineName) }
                if try takeHandover() { round.switchedGeneration = try readState().currentGeneration }
                if case .lambda = definition.shape, let interval = batchIntervalMillis,
                   environment.clock.nowMillis() - lastBatchRunMillis >= interval {
                    lastBatchRunMillis = environment.clock.nowMillis()
                    round.switchedGeneration = try runBatchLayerHoldingLock()?.generation
                }
            }
            // Batches run outside rounds (catching a generation up) count into this one; so do
            // the batches of a round that failed, which committed.
            for (progress, query) in progressOutsideRounds { round.add(progress, query: query) }
            progressOutsideRounds = []
            summary.add(round)
            onRound?(round)
            guard ranRound else { continue }
            rounds += 1
            switch condition {
            case .batches(let count):
                if rounds >= count { return summary }
            case .caughtUp:
                if try allQueriesReached(targets) { return summary }
            case .stopped(let token):
                if round.recordsRead == 0 { token.wait(millis: environment.triggerIntervalMillis) }
            }
        }
        return summary
    }

    /// Runs `body`. A pipeline that runs until stopped outlives the broker or the block store
    /// going away: an I/O failure is logged and waited out (pauses doubling with each failure in
    /// a row), and the caller tries again; a failed batch starts again from its query's last
    /// checkpoint, as after a restart. A run that is to end reports the failure.
    /// - Returns: whether `body` finished.
    private func toleratingOutages(_ condition: RunCondition, failedInARow: inout Int, _ body: () throws -> Void) throws -> Bool {
        do {
            try body()
            failedInARow = 0
            return true
        } catch let error as SluiceError where error.fault == .io {
            guard case .stopped(let token) = condition else { throw error }
            failedInARow += 1
            let waitMillis = min(Self.outageWaitMillisFirst << min(failedInARow - 1, 10), Self.outageWaitMillisMax)
            logger.warning("the pipeline failed on I/O; trying again from the last checkpoints", metadata: [
                "pipeline": "\(definition.name)", "error": "\(error.message)", "retryInMillis": "\(waitMillis)",
                "failedInARow": "\(failedInARow)"])
            token.wait(millis: waitMillis)
            return false
        }
    }

    /// The pause after a round that failed on I/O (doubling with each failure in a row, up to the most).
    static let outageWaitMillisFirst: Int64 = 250
    static let outageWaitMillisMax: Int64 = 5_000

    /// The queries readers currently see (for progress and tests); built when first asked.
    public func queriesOfCurrentGeneration() throws -> [StreamQuery] {
        let number = try readState().currentGeneration
        if let current = currentQueries, current.generation == number { return current.queries }
        guard let record = try readState().record(number) else { return [] }
        let queries = try makeQueries(for: record)
        currentQueries = (number, queries)
        return queries
    }

    // MARK: - Generations

    /// The stream queries of a generation.
    func makeQueries(for record: PipelineGenerationRecord) throws -> [StreamQuery] {
        let generation = self.generation(record)
        let queries: [StreamQuery]
        switch definition.shape {
        case .kappa(let layers):
            queries = try layers.queries(generation)
            guard queries.count == layers.outputs.count else {
                throw SluiceError.userInput("pipeline '\(definition.name)' names \(layers.outputs.count) outputs but made \(queries.count) queries")
            }
        case .lambda(let layers):
            queries = try layers.views.map { view in
                try view.speedLayer(generation, locations.tableLocation(speedTable(view, record.number)))
            }
        }
        // The views name the tables before any record may have arrived.
        for query in queries { try query.prepareSink() }
        return queries
    }

    func generation(_ record: PipelineGenerationRecord) -> PipelineGeneration {
        var configuration = environment.streamingConfiguration(
            name: "\(definition.name).g\(record.number)", checkpoints: locations.generationCheckpoints(record.number))
        configuration.deadLetterTopic = definition.name + ".dead-letter"
        return PipelineGeneration(pipelineName: definition.name, number: record.number,
                                  context: StreamingContext(log: environment.log, configuration: configuration),
                                  startingAt: .offsets(record.startOffsets), warehouse: environment.warehouse)
    }

    private func makeFirstGeneration() throws {
        switch definition.shape {
        case .kappa:
            guard try takeBuildLock() else { throw buildingElsewhereError() }
            defer { releaseBuildLock() }
            let record = try newRecord(startOffsets: try sourceStartOffsets(), masterVersion: nil)
            try catchUp(try makeQueries(for: record))
            try switchReaders(to: record)
        case .lambda:
            guard try runBatchLayerHoldingLock() != nil else { throw buildingElsewhereError() }
        }
    }

    /// A generation not yet in the state: numbered after every known one and any handed over.
    func newRecord(startOffsets: [Int64], masterVersion: Int64?) throws -> PipelineGenerationRecord {
        var number = try readState().nextGenerationNumber
        if let handed = try readHandover() { number = max(number, handed.number + 1) }
        return PipelineGenerationRecord(number: number, startOffsets: startOffsets, masterVersion: masterVersion,
                                        createdMillis: environment.clock.nowMillis(), switchedMillis: nil)
    }

    /// Runs queries until each has read what the topic holds now.
    func catchUp(_ queries: [StreamQuery]) throws {
        for query in queries {
            progressOutsideRounds += try query.run(until: .caughtUp).map { ($0, query.pipelineName) }
        }
    }

    /// Points readers at a generation: state first (a crash after it is healed by the next run,
    /// which rewrites the views from the state), then the views; then drops generations older
    /// than the one before it (the previous one stays for queries still reading it).
    func switchReaders(to record: PipelineGenerationRecord) throws {
        var state = try readState()
        var switched = record
        switched.switchedMillis = environment.clock.nowMillis()
        state.generations.removeAll { $0.number == record.number }
        state.generations.append(switched)
        state.generations.sort { $0.number < $1.number }
        let previous = state.currentGeneration
        state.currentGeneration = record.number
        try writeState(state)
        try writeViews(for: record.number)
        currentQueries = nil
        logger.info("readers switched", metadata: ["pipeline": "\(definition.name)", "generation": "\(record.number)", "previous": "\(previous)"])
        for old in state.generations where old.number < previous {
            try dropGeneration(old.number)
        }
    }

    /// Deletes a generation's tables and checkpoints (those that exist).
    func dropGeneration(_ number: Int) throws {
        let tables: [String]
        switch definition.shape {
        case .kappa(let layers): tables = layers.outputs.map { "\($0)_g\(number)" }
        case .lambda(let layers): tables = layers.views.flatMap { [batchTable($0, number), speedTable($0, number)] }
        }
        for location in tables.map(locations.tableLocation) + [locations.generationCheckpoints(number)] {
            let (fileSystem, path) = try environment.fileSystems.resolve(location)
            if fileSystem.exists(path) { try fileSystem.delete(path, recursive: true) }
        }
    }

    /// The views readers query, over a generation's tables.
    func writeViews(for number: Int) throws {
        guard number > 0 else { return }
        let (fileSystem, root) = try environment.fileSystems.resolve(environment.warehouse)
        let views = WarehouseViews(fileSystem: fileSystem, root: root)
        switch definition.shape {
        case .kappa(let layers):
            for output in layers.outputs { try views.write(named: output, definition: "SELECT * FROM \(output)_g\(number)") }
        case .lambda(let layers):
            for view in layers.views {
                try views.write(named: view.servingView, definition: view.servingQuery(batchTable(view, number), speedTable(view, number)))
            }
        }
    }

    func batchTable(_ view: LambdaView, _ number: Int) -> String { locations.batchTable(view, generation: number) }
    func speedTable(_ view: LambdaView, _ number: Int) -> String { locations.speedTable(view, generation: number) }

    // MARK: - Lambda master dataset

    /// The query appending every topic record to the master dataset; nil for kappa.
    func masterIngestQuery() throws -> StreamQuery? {
        guard case .lambda = definition.shape else { return nil }
        if let masterIngest { return masterIngest }
        var configuration = environment.streamingConfiguration(name: "\(definition.name).master", checkpoints: locations.masterCheckpoints)
        configuration.deadLetterTopic = definition.name + ".dead-letter"
        let context = StreamingContext(log: environment.log, configuration: configuration)
        let query = try context.stream(topic: definition.sourceTopic, startingAt: .earliest)
            .toTable(locations.tableLocation(locations.masterTable), encoding: MasterDataset.encoding)
        try query.prepareSink()
        masterIngest = query
        return query
    }

    // MARK: - Handing generations over

    /// Adopts a generation another process built: catches its queries up, switches readers.
    /// - Returns: whether there was one.
    private func takeHandover() throws -> Bool {
        guard let record = try readHandover() else { return false }
        let state = try readState()
        if record.number > state.currentGeneration {
            try catchUp(try makeQueries(for: record))
            try switchReaders(to: record)
        }
        let (fileSystem, path) = try environment.fileSystems.resolve(locations.handoverFile)
        try fileSystem.delete(path, recursive: false)
        return true
    }

    func readHandover() throws -> PipelineGenerationRecord? {
        let (fileSystem, path) = try environment.fileSystems.resolve(locations.handoverFile)
        guard fileSystem.exists(path) else { return nil }
        return try PipelineFiles.decode(PipelineGenerationRecord.self, from: fileSystem.readAll(path), path: path)
    }

    /// Switches readers to a generation built here: directly when no other process runs the
    /// pipeline, else by handing it to that process and waiting until it switched.
    func switchOrHandOver(_ record: PipelineGenerationRecord, holdingLock: Bool) throws -> PipelineGenerationSwitch {
        if holdingLock {
            try switchReaders(to: record)
            return PipelineGenerationSwitch(generation: record.number, handedOver: false)
        }
        let (fileSystem, path) = try environment.fileSystems.resolve(locations.handoverFile)
        try PipelineFiles.writeAtomically(fileSystem, path, try PipelineFiles.json(record))
        let deadline = environment.clock.nowMillis() + PipelineRunner.handoverWaitMillisMax
        while try readState().currentGeneration < record.number {
            guard environment.clock.nowMillis() < deadline else {
                throw SluiceError.io("pipeline '\(definition.name)' is running elsewhere but did not take generation \(record.number) "
                                     + "within \(PipelineRunner.handoverWaitMillisMax / 1000) s; it will when it next checks")
            }
            usleep(100_000)
        }
        return PipelineGenerationSwitch(generation: record.number, handedOver: true)
    }

    static let handoverWaitMillisMax: Int64 = 120_000

    // MARK: - Locks, state, topic

    /// Takes the runner lock when the environment has a lock folder.
    /// - Returns: whether this process now runs the pipeline (true without a lock folder).
    @discardableResult
    func takeRunnerLock(orFail: Bool) throws -> Bool {
        guard let folder = environment.runnerLockFolder else { return true }
        if runnerLock != nil { return true }
        try LocalFileSystem().makeDirectories(folder)
        let path = folder + "/" + definition.name + ".lock"
        if let lock = try ProcessFileLock.take(path) {
            runnerLock = lock
            return true
        }
        if orFail {
            throw SluiceError.userInput("pipeline '\(definition.name)' is already running (pid \(ProcessFileLock.owner(of: path))); "
                                        + "stop it first, or use 'sluice pipeline status \(definition.name)'")
        }
        return false
    }

    /// Runs `body`, which builds a new generation, holding the build lock — and the runner lock
    /// when no other process runs the pipeline; `body` is told whether this process runs it.
    /// - Throws: a user error while another process builds a generation.
    func buildingGeneration<T>(_ body: (_ runsPipeline: Bool) throws -> T) throws -> T {
        try ensureSourceTopic()
        let alreadyRunning = hasRunnerLock
        let runsPipeline = try takeRunnerLock(orFail: false)
        defer { if runsPipeline && !alreadyRunning { releaseRunnerLock() } }
        guard try takeBuildLock() else { throw buildingElsewhereError() }
        defer { releaseBuildLock() }
        return try body(runsPipeline)
    }

    /// Whether this runner holds the pipeline's lock now.
    var hasRunnerLock: Bool { runnerLock != nil }

    func releaseRunnerLock() {
        runnerLock?.release()
        runnerLock = nil
    }

    /// Takes the build lock, held by one process at a time from choosing a new generation's
    /// number until readers switch to it or it is handed over (a generation is in the state
    /// only once switched to, so without it a process building one and another starting to
    /// would both take the same number, and write the same tables and checkpoints).
    /// - Returns: whether this process holds it now (true without a lock folder); release it
    ///   with `releaseBuildLock`.
    func takeBuildLock() throws -> Bool {
        guard let folder = environment.runnerLockFolder else { return true }
        guard buildLock == nil else { throw SluiceError.internal("the build lock of pipeline '\(definition.name)' is taken twice") }
        try LocalFileSystem().makeDirectories(folder)
        guard let lock = try ProcessFileLock.take(buildLockPath(folder)) else { return false }
        buildLock = lock
        return true
    }

    func releaseBuildLock() {
        buildLock?.release()
        buildLock = nil
    }

    /// The error for a generation that cannot be built now because another process is building one.
    func buildingElsewhereError() -> SluiceError {
        let owner = environment.runnerLockFolder.map { ProcessFileLock.owner(of: buildLockPath($0)) } ?? "unknown"
        return SluiceError.userInput("pipeline '\(definition.name)' is building a generation in another process (pid \(owner)); "
                                     + "try again once it has switched readers ('sluice pipeline status \(definition.name)')")
    }

    private func buildLockPath(_ folder: String) -> String { folder + "/" + definition.name + ".build.lock" }

    func readState() throws -> PipelineState {
        let (fileSystem, path) = try environment.fileSystems.resolve(locations.stateFile)
        return try PipelineState.read(fileSystem, path)
    }

    func writeState(_ state: PipelineState) throws {
        let (fileSystem, path) = try environment.fileSystems.resolve(locations.stateFile)
        try state.write(fileSystem, path)
    }

    /// Creates the source topic (with the definition's partition count) when it does not exist yet.
    public func ensureSourceTopicExists() throws { try ensureSourceTopic() }

    func ensureSourceTopic() throws {
        do {
            _ = try environment.log.describeTopic(definition.sourceTopic)
        } catch let error as SluiceError where error.condition == .notFound {
            do {
                try environment.log.createTopic(definition.sourceTopic,
                                                configuration: TopicConfiguration(partitionCount: definition.sourcePartitionCount))
            } catch let error as SluiceError where error.condition == .alreadyExists {}
        }
    }

    func sourceEndOffsets() throws -> [Int64] {
        try environment.log.describeTopic(definition.sourceTopic).partitions.map(\.endOffset)
    }

    func sourceStartOffsets() throws -> [Int64] {
        try environment.log.describeTopic(definition.sourceTopic).partitions.map(\.startOffset)
    }

    /// Whether every query of the run has read up to `targets` (or found nothing new).
    private func allQueriesReached(_ targets: [Int64]) throws -> Bool {
        var queries = try queriesOfCurrentGeneration()
        if let master = try masterIngestQuery() { queries.append(master) }
        return queries.allSatisfy { query in
            guard let next = query.nextOffsets else { return false }
            return zip(next, targets).allSatisfy { $0 >= $1 }
        }
    }
}
