extension BlockManager {
    /// Reconciles the block map with everything one datanode holds (sent after registering and
    /// every few hours). Replicas the node no longer has are forgotten; replicas of unknown
    /// blocks, with an older generation stamp, or already scheduled for deletion are
    /// invalidated; finalized replicas of a complete block whose generation stamp is newer or
    /// whose length differs are marked corrupt. Replicas still being written count only for
    /// blocks still under construction.
    ///
    /// - Throws: `BlockStoreError.io` when the node is not registered (or declared dead); it
    ///   must register first.
    @discardableResult
    public func processFullReport(datanodeUUID: String, replicas: [ReportedReplica]) throws -> BlockReportDiff {
        let nodes = try nodesRequiringRegistered(datanodeUUID)
        let diff = mutate { map, _ in
            var diff = BlockReportDiff()
            let knownBefore = map.blockIDsByDatanode[datanodeUUID] ?? []
            let pendingDeletion = map.pendingInvalidations[datanodeUUID] ?? []
            var reported = Set<UInt64>()
            for replica in replicas {
                let blockID = replica.block.blockID
                reported.insert(blockID)
                if pendingDeletion.contains(blockID) {
                    diff.invalidatedBlockIDs.append(blockID)
                    continue
                }
                switch judge(replica, against: map.blocks[blockID]) {
                case .invalidate:
                    // A replica known before with an older generation stamp stops counting.
                    map.removeReplica(blockID, on: datanodeUUID)
                    diff.invalidatedBlockIDs.append(blockID)
                case .corrupt:
                    if map.blocks[blockID]?.corruptLocations.contains(datanodeUUID) != true {
                        diff.corruptBlockIDs.append(blockID)
                    }
                    map.markCorrupt(blockID, on: datanodeUUID)
                case .ignore:
                    break
                case .accept:
                    // A replica someone reported corrupt stays corrupt until it is deleted.
                    guard map.blocks[blockID]?.corruptLocations.contains(datanodeUUID) != true else { continue }
                    if !knownBefore.contains(blockID) { diff.addedBlockIDs.append(blockID) }
                    map.noteReplicaLength(replica)
                    map.addLocation(blockID, on: datanodeUUID)
                    map.invalidateCorruptReplicasIfRecovered(blockID, nodes: nodes)
                }
            }
            for blockID in knownBefore.subtracting(reported).sorted() {
                map.removeReplica(blockID, on: datanodeUUID)
                diff.removedBlockIDs.append(blockID)
            }
            map.pendingInvalidations[datanodeUUID] = pendingDeletion.intersection(reported)
            if map.pendingInvalidations[datanodeUUID]?.isEmpty == true { map.pendingInvalidations[datanodeUUID] = nil }
            diff.addedBlockIDs.sort()
            diff.invalidatedBlockIDs.sort()
            diff.corruptBlockIDs.sort()
            if !diff.invalidatedBlockIDs.isEmpty {
                map.outbox.append((datanodeUUID, .invalidate(blockIDs: diff.invalidatedBlockIDs)))
            }
            return diff
        }
        logger.info(
            "Block report from \(datanodeUUID): \(replicas.count) replicas",
            metadata: [
                "added": "\(diff.addedBlockIDs.count)", "removed": "\(diff.removedBlockIDs.count)",
                "invalidated": "\(diff.invalidatedBlockIDs.count)", "corrupt": "\(diff.corruptBlockIDs.count)",
            ])
        return diff
    }

    /// Records a finalized replica a datanode just received (from a write pipeline or a
    /// re-replication). Replicas of unknown blocks or with an older generation stamp are
    /// invalidated; a replica disagreeing with the committed block is marked corrupt.
    ///
    /// - Throws: `BlockStoreError.io` when the node is not registered (or declared dead).
    public func blockReceived(datanodeUUID: String, block: ExtendedBlock) throws {
        let nodes = try nodesRequiringRegistered(datanodeUUID)
        mutate { map, _ in
            let blockID = block.blockID
            switch judge(ReportedReplica(block: block, isFinalized: true), against: map.blocks[blockID]) {
            case .invalidate:
                map.removeReplica(blockID, on: datanodeUUID)
                map.outbox.append((datanodeUUID, .invalidate(blockIDs: [blockID])))
            case .corrupt:
                map.markCorrupt(blockID, on: datanodeUUID)
            case .ignore:
                break
            case .accept:
                map.pendingInvalidations[datanodeUUID]?.remove(blockID)
                map.noteReplicaLength(ReportedReplica(block: block, isFinalized: true))
                map.addLocation(blockID, on: datanodeUUID)
                if var pending = map.pendingReplications[blockID], pending.targetUUIDs.remove(datanodeUUID) != nil {
                    map.pendingReplications[blockID] = pending.targetUUIDs.isEmpty ? nil : pending
                }
                map.invalidateCorruptReplicasIfRecovered(blockID, nodes: nodes)
            }
        }
    }

    /// Records that a datanode deleted its replica of a block.
    public func blockDeleted(datanodeUUID: String, blockID: UInt64) {
        mutate { map, _ in
            map.removeReplica(blockID, on: datanodeUUID)
            map.pendingInvalidations[datanodeUUID]?.remove(blockID)
            if map.pendingInvalidations[datanodeUUID]?.isEmpty == true { map.pendingInvalidations[datanodeUUID] = nil }
        }
    }

    /// Marks one replica corrupt (a reader or the datanode's scanner found a checksum error).
    /// It stops counting and is no longer given to readers; once the block has its expected
    /// good replicas again (now, or after re-replication) the corrupt replica is deleted.
    /// Unknown blocks and nodes are ignored.
    public func reportCorruptReplica(blockID: UInt64, datanodeUUID: String) {
        let nodes = nodesByUUID()
        guard nodes[datanodeUUID] != nil else { return }
        mutate { map, _ in
            guard map.blocks[blockID] != nil else { return }
            map.markCorrupt(blockID, on: datanodeUUID)
            map.invalidateCorruptReplicasIfRecovered(blockID, nodes: nodes)
        }
        logger.warning("Replica of block \(blockID) on \(datanodeUUID) reported corrupt")
    }

    /// Forgets every replica on a node declared dead (call after `DatanodeManager.checkLiveness`)
    /// and drops the copies it was to send or receive, so the monitor schedules them elsewhere.
    public func nodeDied(_ datanodeUUID: String) {
        mutate { map, _ in
            for blockID in map.blockIDsByDatanode[datanodeUUID] ?? [] {
                map.removeReplica(blockID, on: datanodeUUID)
            }
            map.blockIDsByDatanode[datanodeUUID] = nil
            map.pendingInvalidations[datanodeUUID] = nil
            for (blockID, var pending) in map.pendingReplications {
                pending.targetUUIDs.remove(datanodeUUID)
                let isVoid = pending.sourceUUID == datanodeUUID || pending.targetUUIDs.isEmpty
                map.pendingReplications[blockID] = isVoid ? nil : pending
            }
        }
    }

    private enum ReplicaVerdict { case accept, invalidate, corrupt, ignore }

    private func judge(_ replica: ReportedReplica, against record: BlockRecord?) -> ReplicaVerdict {
        guard let record else { return .invalidate }
        if replica.block.generationStamp < record.block.generationStamp { return .invalidate }
        guard record.isComplete else { return .accept }
        guard replica.isFinalized else { return .ignore }
        if replica.block.generationStamp != record.block.generationStamp
            || replica.block.lengthBytes != record.block.lengthBytes
        {
            return .corrupt
        }
        return .accept
    }

    private func nodesRequiringRegistered(_ datanodeUUID: String) throws -> [String: DatanodeDescriptor] {
        let nodes = nodesByUUID()
        guard let node = nodes[datanodeUUID], node.state != .dead else {
            throw BlockStoreError(.io, "Datanode \(datanodeUUID) is not registered with the namenode")
        }
        return nodes
    }
}
