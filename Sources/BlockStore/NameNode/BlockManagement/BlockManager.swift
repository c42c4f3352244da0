import Logging
import SluiceCore

/// The namenode's block map and replication logic: which datanodes hold which replicas, which
/// replicas are corrupt, where new replicas go, and the work (copies, deletions) that brings
/// every complete block back to its expected replication.
///
/// It knows blocks by ID only; which file a block belongs to is the namespace's business, and
/// the namenode service passes blocks between the two. Work for datanodes is queued on the
/// `DatanodeManager` and leaves with their next heartbeat answers.
///
/// Threading: every method may be called from any thread. The manager's lock is never held
/// while calling into the datanode manager's queue, and the datanode manager never calls back.
public final class BlockManager: @unchecked Sendable {
    // Sendable: `map` and `random` are guarded by `lock`; the other properties are immutable or
    // thread-safe themselves.
    let lock = Mutex()
    var map = BlockMap()
    var random: SeededRandomGenerator
    public let datanodes: DatanodeManager
    public let placement: BlockPlacementPolicy
    let clock: any WallClock
    /// How long a scheduled copy may stay unconfirmed before the monitor schedules it again.
    public let pendingReplicationTimeoutMillis: Int64
    let logger = Logger(label: "sluice.namenode")

    /// - Parameters:
    ///   - datanodes: liveness and command queues of the datanodes.
    ///   - placement: where new replicas go.
    ///   - clock: where time comes from.
    ///   - randomSeed: seeds every random choice (placement ties, read order), so a run replays.
    ///   - pendingReplicationTimeoutMillis: defaults to 5 heartbeat intervals.
    public init(
        datanodes: DatanodeManager, placement: BlockPlacementPolicy = BlockPlacementPolicy(),
        clock: any WallClock, randomSeed: UInt64, pendingReplicationTimeoutMillis: Int64? = nil
    ) {
        self.datanodes = datanodes
        self.placement = placement
        self.clock = clock
        random = SeededRandomGenerator(seed: randomSeed)
        self.pendingReplicationTimeoutMillis =
            pendingReplicationTimeoutMillis ?? 5 * datanodes.heartbeatIntervalMillis
    }

    /// Runs `body` on the block map under the lock, then queues the work it produced.
    func mutate<T>(_ body: (inout BlockMap, inout SeededRandomGenerator) throws -> T) rethrows -> T {
        let (result, outbox): (T, [(datanodeUUID: String, command: DatanodeCommand)]) = try lock.withLock {
            let result = try body(&map, &random)
            let outbox = map.outbox
            map.outbox = []
            return (result, outbox)
        }
        for (datanodeUUID, command) in outbox {
            datanodes.enqueue(command, for: datanodeUUID)
        }
        return result
    }

    /// A snapshot of every known datanode by UUID.
    func nodesByUUID() -> [String: DatanodeDescriptor] {
        Dictionary(uniqueKeysWithValues: datanodes.descriptors().map { ($0.datanodeUUID, $0) })
    }

    /// Starts tracking a block (a new block of a file being written, or a block loaded from
    /// the namespace at startup). A block already known keeps its replicas and takes the new
    /// identity, replication and completeness.
    public func addBlock(_ block: ExtendedBlock, expectedReplication: Int, isComplete: Bool) {
        precondition(expectedReplication >= 0, "replication must not be negative")
        lock.withLock {
            if var record = map.blocks[block.blockID] {
                record.block = block
                record.expectedReplication = expectedReplication
                record.isComplete = isComplete
                map.blocks[block.blockID] = record
            } else {
                map.blocks[block.blockID] = BlockRecord(
                    block: block, expectedReplication: expectedReplication, isComplete: isComplete)
            }
        }
    }

    /// Records the final length and generation stamp of a written block and marks it complete,
    /// so it counts for safemode and the replication monitor looks after it. Unknown blocks are
    /// ignored.
    public func commitBlock(_ block: ExtendedBlock) {
        lock.withLock {
            map.blocks[block.blockID]?.block = block
            map.blocks[block.blockID]?.isComplete = true
        }
    }

    /// Changes the expected replication (`setrep`); the monitor then adds or removes replicas.
    public func setExpectedReplication(blockIDs: [UInt64], replication: Int) {
        precondition(replication >= 0, "replication must not be negative")
        lock.withLock {
            for blockID in blockIDs { map.blocks[blockID]?.expectedReplication = replication }
        }
    }

    /// Forgets blocks (their files were deleted) and tells every holder to delete its replica.
    public func removeBlocks(_ blockIDs: [UInt64]) {
        mutate { map, _ in
            var blockIDsByHolder: [String: [UInt64]] = [:]
            for blockID in blockIDs {
                guard let record = map.blocks[blockID] else { continue }
                for holder in record.locations.union(record.corruptLocations) {
                    blockIDsByHolder[holder, default: []].append(blockID)
                }
            }
            // Forgotten first, so the deletions are not also remembered as pending ones: a
            // later report of these replicas is invalidated as of an unknown block anyway.
            for blockID in blockIDs {
                map.blocks[blockID] = nil
                map.pendingReplications[blockID] = nil
            }
            for (holder, ids) in blockIDsByHolder.sorted(by: { $0.key < $1.key }) {
                map.invalidate(ids, on: holder)
            }
        }
    }

    /// The readable replicas of each block for a reader: good replicas on nodes not declared
    /// dead, nearest first (same host, same rack, others; stale nodes last).
    ///
    /// - Parameters:
    ///   - blocks: the blocks of a file, as the namespace knows them; returned unchanged.
    ///   - readerHost: the reading client's host, if known.
    public func locatedBlocks(_ blocks: [ExtendedBlock], readerHost: String?)
        -> [(block: ExtendedBlock, locations: [DatanodeInfo])]
    {
        let nodes = nodesByUUID()
        let readerRack = readerHost.flatMap { datanodes.rack(ofHost: $0) }
        let staleUUIDs = Set(nodes.values.filter { $0.state == .stale }.map(\.datanodeUUID))
        return lock.withLock {
            blocks.map { block in
                guard let record = map.blocks[block.blockID] else { return (block, []) }
                let replicas = map.liveLocations(of: record, nodes: nodes).compactMap { nodes[$0]?.info }
                let sorted = placement.sortByDistance(
                    replicas, readerHost: readerHost, readerRack: readerRack, staleUUIDs: staleUUIDs,
                    random: &random)
                return (block, sorted)
            }
        }
    }

    /// Chooses the write pipeline for a new block.
    ///
    /// - Parameters:
    ///   - replication: replicas wanted; fewer come back when fewer nodes qualify.
    ///   - writerHost: the writing client's host; a datanode there gets the first replica.
    ///   - excluded: UUIDs of nodes the client could not reach.
    ///   - path: the file, for the error message.
    /// - Throws: `BlockStoreError.notEnoughReplicas` when no node qualifies.
    public func allocationTargets(replication: Int, writerHost: String?, excluded: Set<String>, path: String? = nil)
        throws -> [DatanodeInfo]
    {
        let candidates = datanodes.descriptors()
        let targets = lock.withLock {
            placement.chooseTargets(
                count: replication, writerHost: writerHost, excluded: excluded, existing: [],
                candidates: candidates, random: &random)
        }
        guard targets.isEmpty else { return targets }
        let runningCount = candidates.filter { $0.state != .dead }.count
        let excludedCount = candidates.filter { $0.state != .dead && excluded.contains($0.datanodeUUID) }.count
        let subject = path.map { "File \($0) could" } ?? "Could"
        throw BlockStoreError(
            .notEnoughReplicas,
            "\(subject) only be written to 0 of the 1 minReplication nodes. There are \(runningCount) "
                + "datanode(s) running and \(excludedCount) node(s) are excluded in this operation.")
    }
}
