import SluiceCore
import Testing

@testable import BlockStore

@Suite struct BlockPlacementPolicyTests {
    private let policy = BlockPlacementPolicy(blockSizeBytes: 1 << 20)

    /// Two racks of three: dn1–dn3 on /r1 (hosts h1–h3), dn4–dn6 on /r2 (hosts h4–h6).
    private func cluster(stale: Set<Int> = [], dead: Set<Int> = [], full: Set<Int> = []) -> [DatanodeDescriptor] {
        (1...6).map { number in
            DatanodeDescriptor(
                info: DatanodeInfo(
                    datanodeUUID: "dn\(number)", host: "h\(number)", port: 9866, rack: number <= 3 ? "/r1" : "/r2"),
                state: dead.contains(number) ? .dead : stale.contains(number) ? .stale : .live,
                lastHeartbeatMillis: 0, capacityBytes: 1 << 30, usedBytes: 0,
                remainingBytes: full.contains(number) ? (1 << 20) - 1 : 1 << 30)
        }
    }

    private func choose(
        _ count: Int, writer: String? = nil, excluded: Set<String> = [], existing: [DatanodeInfo] = [],
        candidates: [DatanodeDescriptor]? = nil, seed: UInt64
    ) -> [DatanodeInfo] {
        var random = SeededRandomGenerator(seed: seed)
        return policy.chooseTargets(
            count: count, writerHost: writer, excluded: excluded, existing: existing,
            candidates: candidates ?? cluster(), random: &random)
    }

    @Test func writerLocalThenRemoteRackThenSameRemoteRack() {
        for seed in UInt64(0)..<50 {
            let targets = choose(3, writer: "h2", seed: seed)
            #expect(targets.count == 3)
            #expect(targets[0].datanodeUUID == "dn2")
            #expect(targets[1].rack == "/r2")
            #expect(targets[2].rack == "/r2")
            #expect(targets[2].datanodeUUID != targets[1].datanodeUUID)
        }
    }

    @Test func writerOffClusterGetsARandomFirstNodeAndTheSameRackSpread() {
        var firstNodes = Set<String>()
        for seed in UInt64(0)..<50 {
            let targets = choose(3, writer: "laptop", seed: seed)
            #expect(targets.count == 3)
            #expect(Set(targets.map(\.datanodeUUID)).count == 3)
            #expect(targets[1].rack != targets[0].rack)
            #expect(targets[2].rack == targets[1].rack)
            firstNodes.insert(targets[0].datanodeUUID)
        }
        #expect(firstNodes.count > 3)
    }

    @Test func pseudoClusterOnOneHostTakesARandomLocalNode() {
        let candidates = (1...3).map { number in
            DatanodeDescriptor(
                info: DatanodeInfo(datanodeUUID: "dn\(number)", host: "127.0.0.1", port: 9865 + number),
                state: .live, lastHeartbeatMillis: 0, remainingBytes: 1 << 30)
        }
        var firstNodes = Set<String>()
        for seed in UInt64(0)..<30 {
            let targets = choose(3, writer: "127.0.0.1", candidates: candidates, seed: seed)
            #expect(Set(targets.map(\.datanodeUUID)).count == 3)
            firstNodes.insert(targets[0].datanodeUUID)
        }
        #expect(firstNodes == ["dn1", "dn2", "dn3"])
    }

    @Test func neverTwoReplicasOnOneNodeAndFewerWhenNodesRunOut() {
        for seed in UInt64(0)..<20 {
            let six = choose(6, writer: "h1", seed: seed)
            #expect(six.count == 6)
            #expect(Set(six.map(\.datanodeUUID)).count == 6)
            let ten = choose(10, writer: "h1", seed: seed)
            #expect(ten.count == 6)
            #expect(Set(ten.map(\.datanodeUUID)).count == 6)
        }
        #expect(choose(0, seed: 1).isEmpty)
        #expect(choose(3, candidates: [], seed: 1).isEmpty)
    }

    @Test func excludedStaleDeadAndFullNodesAreSkipped() {
        for seed in UInt64(0)..<30 {
            let targets = choose(3, writer: "h2", excluded: ["dn2", "dn5"], seed: seed)
            #expect(targets.count == 3)
            #expect(!targets.contains { ["dn2", "dn5"].contains($0.datanodeUUID) })
            let healthy = choose(
                6, writer: "h1", candidates: cluster(stale: [1], dead: [4], full: [6]), seed: seed)
            #expect(Set(healthy.map(\.datanodeUUID)) == ["dn2", "dn3", "dn5"])
        }
    }

    @Test func existingReplicasShapeTheRackChoice() {
        let existing = cluster()[0].info  // dn1 on /r1
        for seed in UInt64(0)..<30 {
            let targets = choose(2, existing: [existing], seed: seed)
            #expect(targets.count == 2)
            #expect(targets.allSatisfy { $0.rack == "/r2" })
            #expect(!targets.contains { $0.datanodeUUID == "dn1" })
            // Two existing replicas on one rack: the third goes to the other rack.
            let third = choose(1, existing: [cluster()[0].info, cluster()[1].info], seed: seed)
            #expect(third.map(\.rack) == ["/r2"])
        }
    }

    @Test func perRackCapLimitsALopsidedCluster() {
        // Five nodes on /r1, one on /r2: six replicas may put at most (6 − 1) / 2 + 2 = 4 on a rack.
        let candidates = (1...6).map { number in
            DatanodeDescriptor(
                info: DatanodeInfo(
                    datanodeUUID: "dn\(number)", host: "h\(number)", port: 9866, rack: number <= 5 ? "/r1" : "/r2"),
                state: .live, lastHeartbeatMillis: 0, remainingBytes: 1 << 30)
        }
        for seed in UInt64(0)..<20 {
            let targets = choose(6, candidates: candidates, seed: seed)
            #expect(targets.count == 5)
            #expect(targets.filter { $0.rack == "/r1" }.count == 4)
        }
    }

    @Test func readersGetTheirHostThenRackThenTheRestWithStaleLast() {
        let nodes = cluster().map(\.info)
        var random = SeededRandomGenerator(seed: 3)
        var lastGroups = Set<String>()
        for _ in 0..<20 {
            let sorted = policy.sortByDistance(
                [nodes[4], nodes[1], nodes[0], nodes[3], nodes[5], nodes[2]], readerHost: "h1", readerRack: "/r1",
                staleUUIDs: ["dn3"], random: &random)
            #expect(sorted.map(\.datanodeUUID).prefix(2) == ["dn1", "dn2"])
            #expect(Set(sorted[2..<5].map(\.datanodeUUID)) == ["dn4", "dn5", "dn6"])
            #expect(sorted.last?.datanodeUUID == "dn3")
            lastGroups.insert(sorted[2].datanodeUUID)
        }
        #expect(lastGroups.count > 1)
        let offCluster = policy.sortByDistance(nodes, readerHost: nil, readerRack: nil, random: &random)
        #expect(Set(offCluster) == Set(nodes))
    }
}
