/// The block manager's state: blocks, where their replicas are, copies and deletions in
/// flight. Not thread-safe; `BlockManager` guards it with its lock. Methods that create work
/// for datanodes append it to `outbox`, which the manager hands to the datanode manager after
/// releasing its lock.
struct BlockMap {
    var blocks: [UInt64: BlockRecord] = [:]
    /// Every replica (good or corrupt) by node, so a dead node's replicas go without a scan.
    var blockIDsByDatanode: [String: Set<UInt64>] = [:]
    var pendingReplications: [UInt64: PendingReplication] = [:]
    /// Replicas a node was told to delete and has not yet reported deleted.
    var pendingInvalidations: [String: Set<UInt64>] = [:]
    var outbox: [(datanodeUUID: String, command: DatanodeCommand)] = []

    mutating func addLocation(_ blockID: UInt64, on datanodeUUID: String) {
        blocks[blockID]?.corruptLocations.remove(datanodeUUID)
        blocks[blockID]?.locations.insert(datanodeUUID)
        blockIDsByDatanode[datanodeUUID, default: []].insert(blockID)
    }

    /// Takes the length of a finalized replica of a block still being written into its record:
    /// the writer has not committed a length, and lease recovery needs the one every replica
    /// has (HDFS recovers a block to its replicas' shortest length).
    mutating func noteReplicaLength(_ replica: ReportedReplica) {
        guard replica.isFinalized, var record = blocks[replica.block.blockID], !record.isComplete else { return }
        let shortest = min(record.shortestFinalizedReplicaBytes ?? .max, replica.block.lengthBytes)
        record.shortestFinalizedReplicaBytes = shortest
        record.block.lengthBytes = shortest
        blocks[replica.block.blockID] = record
    }

    mutating func markCorrupt(_ blockID: UInt64, on datanodeUUID: String) {
        blocks[blockID]?.locations.remove(datanodeUUID)
        blocks[blockID]?.corruptLocations.insert(datanodeUUID)
        blockIDsByDatanode[datanodeUUID, default: []].insert(blockID)
    }

    /// Forgets the replica of `blockID` on the node, good or corrupt.
    mutating func removeReplica(_ blockID: UInt64, on datanodeUUID: String) {
        blocks[blockID]?.locations.remove(datanodeUUID)
        blocks[blockID]?.corruptLocations.remove(datanodeUUID)
        blockIDsByDatanode[datanodeUUID]?.remove(blockID)
        if blockIDsByDatanode[datanodeUUID]?.isEmpty == true { blockIDsByDatanode[datanodeUUID] = nil }
        if var pending = pendingReplications[blockID], pending.targetUUIDs.remove(datanodeUUID) != nil {
            pendingReplications[blockID] = pending.targetUUIDs.isEmpty ? nil : pending
        }
    }

    /// Tells the node to delete its replica and stops counting it.
    mutating func invalidate(_ blockIDs: [UInt64], on datanodeUUID: String) {
        guard !blockIDs.isEmpty else { return }
        for blockID in blockIDs {
            removeReplica(blockID, on: datanodeUUID)
            if blocks[blockID] != nil { pendingInvalidations[datanodeUUID, default: []].insert(blockID) }
        }
        outbox.append((datanodeUUID, .invalidate(blockIDs: blockIDs)))
    }

    /// Good replicas on nodes not declared dead.
    func liveLocations(of record: BlockRecord, nodes: [String: DatanodeDescriptor]) -> [String] {
        record.locations.filter { nodes[$0].map { $0.state != .dead } ?? false }.sorted()
    }

    /// How many good replicas are on nodes not declared dead, without building the list (the
    /// monitor and the counters ask this of every block).
    func liveCount(of record: BlockRecord, nodes: [String: DatanodeDescriptor]) -> Int {
        var count = 0
        for datanodeUUID in record.locations where nodes[datanodeUUID].map({ $0.state != .dead }) ?? false {
            count += 1
        }
        return count
    }

    /// Once a block has its expected good replicas again, deletes its corrupt ones (HDFS order:
    /// re-replicate first, then remove the bad copy, so a block never loses its last copy).
    mutating func invalidateCorruptReplicasIfRecovered(_ blockID: UInt64, nodes: [String: DatanodeDescriptor]) {
        guard let record = blocks[blockID], !record.corruptLocations.isEmpty,
            liveCount(of: record, nodes: nodes) >= record.expectedReplication
        else { return }
        for datanodeUUID in record.corruptLocations.sorted() {
            invalidate([blockID], on: datanodeUUID)
        }
    }

    /// When every live node already holds a replica of an under-replicated block (good or
    /// corrupt), no node can take a new copy until a corrupt replica is gone: on a three-node
    /// cluster at replication 3 a corrupt replica would otherwise stay forever. Deletes the
    /// corrupt replicas while a good one remains, so their nodes can receive a fresh copy.
    /// - Returns: how many deletions were scheduled.
    mutating func invalidateCorruptReplicasBlockingRepair(_ blockID: UInt64, nodes: [String: DatanodeDescriptor]) -> Int {
        guard let record = blocks[blockID], !record.corruptLocations.isEmpty else { return 0 }
        let goodCount = liveCount(of: record, nodes: nodes)
        guard goodCount >= 1, goodCount < record.expectedReplication else { return 0 }
        var holders = record.locations.union(record.corruptLocations)
        for (datanodeUUID, blockIDs) in pendingInvalidations where blockIDs.contains(blockID) {
            holders.insert(datanodeUUID)
        }
        guard !nodes.values.contains(where: { $0.state == .live && !holders.contains($0.datanodeUUID) }) else { return 0 }
        let corrupt = record.corruptLocations.sorted()
        for datanodeUUID in corrupt {
            invalidate([blockID], on: datanodeUUID)
        }
        return corrupt.count
    }
}
