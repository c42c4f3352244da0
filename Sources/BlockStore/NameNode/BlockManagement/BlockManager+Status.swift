extension BlockManager {
    /// Block health counters over all blocks; under/over-replicated and missing count complete
    /// blocks only.
    public func counts() -> BlockManagerCounts {
        let nodes = nodesByUUID()
        return lock.withLock {
            var counts = BlockManagerCounts()
            counts.totalBlocks = map.blocks.count
            for record in map.blocks.values {
                counts.corruptReplicas += record.corruptLocations.count
                guard record.isComplete else { continue }
                let liveCount = map.liveCount(of: record, nodes: nodes)
                if liveCount == 0 && record.expectedReplication > 0 {
                    counts.missing += 1
                } else if liveCount < record.expectedReplication {
                    counts.underReplicated += 1
                } else if liveCount > record.expectedReplication {
                    counts.overReplicated += 1
                }
            }
            counts.pendingReplications = map.pendingReplications.values.reduce(0) { $0 + $1.targetUUIDs.count }
            return counts
        }
    }

    /// How many complete blocks have at least `minimumReplicas` good replicas on nodes not
    /// declared dead, and whether that reaches `thresholdFraction` of all complete blocks.
    /// The fraction itself must be reached (HDFS truncates `total × threshold`, which lets a
    /// small cluster leave safemode with a block missing); a fraction above 1 is never met,
    /// which keeps the namenode in safemode on purpose.
    public func safeModeStatus(thresholdFraction: Double = 0.999, minimumReplicas: Int = 1) -> SafeModeStatus {
        let nodes = nodesByUUID()
        return lock.withLock {
            var total = 0
            var reported = 0
            for record in map.blocks.values where record.isComplete {
                total += 1
                if map.liveCount(of: record, nodes: nodes) >= minimumReplicas { reported += 1 }
            }
            // The tolerance keeps 999 of 1000 at 0.999 from failing on rounding.
            let thresholdMet =
                thresholdFraction <= 1 && Double(reported) >= Double(total) * thresholdFraction - 1e-9
            return SafeModeStatus(reportedBlocks: reported, totalBlocks: total, thresholdMet: thresholdMet)
        }
    }

    /// Replica status of the given blocks, in the order asked; blocks the manager does not
    /// know are left out.
    public func fsck(_ blockIDs: [UInt64]) -> [BlockReplicaStatus] {
        let nodes = nodesByUUID()
        return lock.withLock {
            blockIDs.compactMap { blockID in
                guard let record = map.blocks[blockID] else { return nil }
                return BlockReplicaStatus(
                    block: record.block, expectedReplication: record.expectedReplication,
                    isComplete: record.isComplete,
                    liveLocations: map.liveLocations(of: record, nodes: nodes).compactMap { nodes[$0]?.info },
                    corruptLocations: record.corruptLocations.sorted().compactMap { nodes[$0]?.info })
            }
        }
    }

    /// The datanode report with each node's replica count filled in.
    public func datanodeReport() -> [DatanodeReport] {
        let blockCounts = lock.withLock { map.blockIDsByDatanode.mapValues(\.count) }
        return datanodes.report(blockCounts: blockCounts)
    }
}
