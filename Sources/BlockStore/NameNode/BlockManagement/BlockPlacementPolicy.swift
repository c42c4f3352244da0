/// HDFS's default rack-aware replica placement, as a pure function of the candidates.
///
/// For a new block (r = 3): the 1st replica on the writer's own node when the writer runs on a
/// datanode (several datanodes on one host, as in a pseudo cluster on loopback: a random one of
/// them), else on a random node; the 2nd on a rack other than the 1st's; the 3rd on the 2nd's
/// rack but another node (when the first two share a rack, the 3rd goes to another rack).
/// Replicas beyond the 3rd go to random nodes. Every choice keeps at most
/// `(r − 1) / racks + 2` replicas on one rack and never two on one node, and skips nodes that
/// are not live or have less than `blockSizeBytes` free. Replicas that already exist count as
/// the first choices, so re-replication continues the same pattern.
///
/// Threading: a value; safe to share.
public struct BlockPlacementPolicy: Sendable {
    /// Free space a node needs to take one more block.
    public var blockSizeBytes: Int64

    public init(blockSizeBytes: Int64 = 134_217_728) {
        self.blockSizeBytes = blockSizeBytes
    }

    /// Chooses up to `count` new nodes for a block's replicas.
    ///
    /// - Parameters:
    ///   - count: replicas to add.
    ///   - writerHost: the writing client's host, or nil (re-replication).
    ///   - excluded: UUIDs of nodes not to choose (failed pipeline nodes, current holders).
    ///   - existing: nodes already holding a replica; they shape rack choices and are never
    ///     chosen again.
    ///   - candidates: the datanodes to choose from.
    ///   - random: breaks ties among equally good nodes.
    /// - Returns: the chosen nodes in pipeline order; fewer than `count` when not enough nodes
    ///   qualify (the caller decides whether that is enough).
    public func chooseTargets<Random: RandomNumberGenerator>(
        count: Int, writerHost: String?, excluded: Set<String>, existing: [DatanodeInfo],
        candidates: [DatanodeDescriptor], random: inout Random
    ) -> [DatanodeInfo] {
        guard count > 0 else { return [] }
        let existingUUIDs = Set(existing.map(\.datanodeUUID))
        var available = candidates.filter {
            $0.state == .live && $0.remainingBytes >= blockSizeBytes && !excluded.contains($0.datanodeUUID)
                && !existingUUIDs.contains($0.datanodeUUID)
        }.map(\.info)
        let rackCount = Set(available.map(\.rack) + existing.map(\.rack)).count
        let replicasPerRackMax = (existing.count + count - 1) / max(rackCount, 1) + 2
        var chosen = existing
        var replicasPerRack: [String: Int] = [:]
        for info in existing { replicasPerRack[info.rack, default: 0] += 1 }

        while chosen.count < existing.count + count {
            let allowed = available.filter { replicasPerRack[$0.rack, default: 0] < replicasPerRackMax }
            guard !allowed.isEmpty else { break }
            let preferred = preferredNodes(for: chosen, writerHost: writerHost, among: allowed)
            let pool = preferred.isEmpty ? allowed : preferred
            let pick = pool[Int.random(in: 0..<pool.count, using: &random)]
            chosen.append(pick)
            replicasPerRack[pick.rack, default: 0] += 1
            available.removeAll { $0.datanodeUUID == pick.datanodeUUID }
        }
        return Array(chosen.dropFirst(existing.count))
    }

    /// The nodes the rule for the next replica prefers; empty when the rule has no preference
    /// or no node meets it (then any allowed node will do).
    private func preferredNodes(for chosen: [DatanodeInfo], writerHost: String?, among allowed: [DatanodeInfo])
        -> [DatanodeInfo]
    {
        switch chosen.count {
        case 0:
            guard let writerHost else { return [] }
            return allowed.filter { $0.host == writerHost }
        case 1:
            return allowed.filter { $0.rack != chosen[0].rack }
        case 2:
            if chosen[0].rack == chosen[1].rack {
                return allowed.filter { $0.rack != chosen[0].rack }
            }
            return allowed.filter { $0.rack == chosen[1].rack }
        default:
            return []
        }
    }

    /// Orders replicas for a reader: the reader's own host first, then its rack, then the rest,
    /// each group shuffled so readers spread over equal replicas; nodes in `staleUUIDs` go last.
    ///
    /// - Parameters:
    ///   - replicas: the nodes holding a readable replica.
    ///   - readerHost: the reader's host, if known.
    ///   - readerRack: the reader's rack, if known (`DatanodeManager.rack(ofHost:)`).
    ///   - staleUUIDs: nodes whose heartbeats are late; tried only after the others.
    public func sortByDistance<Random: RandomNumberGenerator>(
        _ replicas: [DatanodeInfo], readerHost: String?, readerRack: String?, staleUUIDs: Set<String> = [],
        random: inout Random
    ) -> [DatanodeInfo] {
        func distance(_ info: DatanodeInfo) -> Int {
            let base: Int
            if let readerHost, info.host == readerHost {
                base = 0
            } else if let readerRack, info.rack == readerRack {
                base = 1
            } else {
                base = 2
            }
            return staleUUIDs.contains(info.datanodeUUID) ? base + 3 : base
        }
        var groups: [Int: [DatanodeInfo]] = [:]
        for info in replicas { groups[distance(info), default: []].append(info) }
        return groups.keys.sorted().flatMap { groups[$0]!.shuffled(using: &random) }
    }
}
