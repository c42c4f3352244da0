import SluiceCore

extension BlockManager {
    /// One tick of the replication monitor (HDFS runs it every 3 s).
    ///
    /// Copies not confirmed within `pendingReplicationTimeoutMillis` are forgotten, so they are
    /// scheduled again. Then, for every complete block, fewest good replicas first:
    /// - under-replicated with a good replica on a node not declared dead: a source (live
    ///   before stale, fewest copies in flight, at most `maxTransfersPerNode` scheduled copies)
    ///   is told to copy it to nodes chosen by the placement policy among nodes not holding it;
    ///   the copy is pending until the targets report the replica;
    /// - with corrupt replicas and enough good ones again: the corrupt replicas are deleted;
    /// - under-replicated with corrupt replicas on every live node not holding a good one:
    ///   the corrupt replicas are deleted so those nodes can take a copy;
    /// - over-replicated: extra replicas are deleted from the rack with the most replicas,
    ///   then the node with least free space (live nodes only);
    /// - missing (no good replica on a node not declared dead): counted, nothing scheduled.
    ///
    /// - Parameter maxTransfersPerNode: scheduled copies one source may have in flight.
    /// - Returns: replica copies scheduled plus replicas scheduled for deletion.
    @discardableResult
    public func computeReplicationWork(maxTransfersPerNode: Int = 2) -> Int {
        let nodes = nodesByUUID()
        let candidates = nodes.values.sorted { $0.datanodeUUID < $1.datanodeUUID }
        let nowMillis = clock.nowMillis()
        return mutate { map, random in
            let timedOut = map.pendingReplications.filter {
                nowMillis - $0.value.scheduledAtMillis > pendingReplicationTimeoutMillis
            }
            for blockID in timedOut.keys { map.pendingReplications[blockID] = nil }
            if !timedOut.isEmpty {
                logger.info("\(timedOut.count) scheduled replications timed out; rescheduling")
            }
            var copiesInFlightBySource: [String: Int] = [:]
            for pending in map.pendingReplications.values { copiesInFlightBySource[pending.sourceUUID, default: 0] += 1 }

            var work = 0
            for blockID in blockIDsByUrgency(map: map, nodes: nodes) {
                guard let record = map.blocks[blockID] else { continue }
                let live = map.liveLocations(of: record, nodes: nodes)
                if live.count < record.expectedReplication,
                    scheduleCopy(
                        of: record, liveHolders: live, map: &map, nodes: nodes, candidates: candidates,
                        copiesInFlightBySource: &copiesInFlightBySource, maxTransfersPerNode: maxTransfersPerNode,
                        nowMillis: nowMillis, random: &random)
                {
                    work += 1
                }
                if live.count < record.expectedReplication, map.pendingReplications[blockID] == nil {
                    work += map.invalidateCorruptReplicasBlockingRepair(blockID, nodes: nodes)
                }
                let corruptBefore = map.blocks[blockID]?.corruptLocations.count ?? 0
                map.invalidateCorruptReplicasIfRecovered(blockID, nodes: nodes)
                work += corruptBefore - (map.blocks[blockID]?.corruptLocations.count ?? 0)
                if live.count > record.expectedReplication, map.pendingReplications[blockID] == nil {
                    work += removeExcessReplicas(of: record, liveHolders: live, map: &map, nodes: nodes)
                }
            }
            return work
        }
    }

    /// Complete blocks that are not at their expected replication or have corrupt replicas,
    /// those with the fewest good replicas first (HDFS's priority queues), then by ID.
    private func blockIDsByUrgency(map: BlockMap, nodes: [String: DatanodeDescriptor]) -> [UInt64] {
        var needy: [(liveCount: Int, blockID: UInt64)] = []
        for (blockID, record) in map.blocks where record.isComplete {
            let liveCount = map.liveCount(of: record, nodes: nodes)
            if liveCount != record.expectedReplication || !record.corruptLocations.isEmpty {
                needy.append((liveCount, blockID))
            }
        }
        return needy.sorted { ($0.liveCount, $0.blockID) < ($1.liveCount, $1.blockID) }.map(\.blockID)
    }

    /// Schedules copies of an under-replicated block; false when nothing could be scheduled
    /// (missing, already pending, no free source, or no target).
    private func scheduleCopy(
        of record: BlockRecord, liveHolders: [String], map: inout BlockMap, nodes: [String: DatanodeDescriptor],
        candidates: [DatanodeDescriptor], copiesInFlightBySource: inout [String: Int], maxTransfersPerNode: Int,
        nowMillis: Int64, random: inout SeededRandomGenerator
    ) -> Bool {
        let blockID = record.block.blockID
        let neededCount = record.expectedReplication - liveHolders.count
        // One copy job per block at a time keeps the bookkeeping simple; whatever it did not
        // cover is scheduled once it is confirmed or times out.
        guard neededCount > 0, !liveHolders.isEmpty, map.pendingReplications[blockID] == nil else { return false }
        let sources = liveHolders.compactMap { nodes[$0] }.filter {
            copiesInFlightBySource[$0.datanodeUUID, default: 0] < maxTransfersPerNode
        }
        guard !sources.isEmpty else { return false }
        let shuffled = sources.shuffled(using: &random)
        let source = shuffled.min { lhs, rhs in
            let lhsKey = (lhs.state == .live ? 0 : 1, lhs.transfersInProgress + copiesInFlightBySource[lhs.datanodeUUID, default: 0])
            let rhsKey = (rhs.state == .live ? 0 : 1, rhs.transfersInProgress + copiesInFlightBySource[rhs.datanodeUUID, default: 0])
            return lhsKey < rhsKey
        }!
        var excluded = record.locations.union(record.corruptLocations)
        for (datanodeUUID, blockIDs) in map.pendingInvalidations where blockIDs.contains(blockID) {
            excluded.insert(datanodeUUID)
        }
        let targets = placement.chooseTargets(
            count: neededCount, writerHost: nil, excluded: excluded,
            existing: liveHolders.compactMap { nodes[$0]?.info }, candidates: candidates, random: &random)
        guard !targets.isEmpty else { return false }
        map.outbox.append((source.datanodeUUID, .transfer(block: record.block, targets: targets)))
        map.pendingReplications[blockID] = PendingReplication(
            sourceUUID: source.datanodeUUID, targetUUIDs: Set(targets.map(\.datanodeUUID)),
            scheduledAtMillis: nowMillis)
        copiesInFlightBySource[source.datanodeUUID, default: 0] += 1
        return true
    }

    /// Deletes replicas beyond the expected count: from the rack holding the most replicas,
    /// then from the node with the least free space. Returns how many were scheduled.
    private func removeExcessReplicas(
        of record: BlockRecord, liveHolders: [String], map: inout BlockMap, nodes: [String: DatanodeDescriptor]
    ) -> Int {
        var remaining = liveHolders.compactMap { nodes[$0] }
        var excessCount = remaining.count - record.expectedReplication
        var removed = 0
        while excessCount > 0 {
            var replicasByRack: [String: Int] = [:]
            for node in remaining { replicasByRack[node.info.rack, default: 0] += 1 }
            let deletable = remaining.filter { $0.state == .live }
            guard
                let victim = deletable.min(by: { lhs, rhs in
                    let lhsKey = (-replicasByRack[lhs.info.rack, default: 0], lhs.remainingBytes, lhs.datanodeUUID)
                    let rhsKey = (-replicasByRack[rhs.info.rack, default: 0], rhs.remainingBytes, rhs.datanodeUUID)
                    return lhsKey < rhsKey
                })
            else { break }
            map.invalidate([record.block.blockID], on: victim.datanodeUUID)
            remaining.removeAll { $0.datanodeUUID == victim.datanodeUUID }
            excessCount -= 1
            removed += 1
        }
        return removed
    }
}
