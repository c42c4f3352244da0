import SluiceCore
import Testing

@testable import BlockStore

@Suite struct BlockManagerTests {
    /// Two racks of three datanodes (dn1–dn3 on /r1, dn4–dn6 on /r2), all heartbeating, and a
    /// block manager over them.
    private final class Cluster {
        let clock = ManualWallClock(startMillis: 1_000_000)
        let datanodes: DatanodeManager
        let blocks: BlockManager
        var down: Set<String> = []

        init(seed: UInt64 = 7) {
            datanodes = DatanodeManager(clock: clock)
            blocks = BlockManager(
                datanodes: datanodes, placement: BlockPlacementPolicy(blockSizeBytes: 1 << 20), clock: clock,
                randomSeed: seed)
            for number in 1...6 {
                datanodes.register(
                    DatanodeInfo(datanodeUUID: "dn\(number)", host: "h\(number)", port: 9866, rack: number <= 3 ? "/r1" : "/r2"))
                _ = heartbeat("dn\(number)")
            }
        }

        func heartbeat(_ uuid: String, remainingBytes: Int64 = 10 << 30) -> [DatanodeCommand] {
            datanodes.heartbeat(
                datanodeUUID: uuid, capacityBytes: 20 << 30, usedBytes: 20 << 30 - remainingBytes,
                remainingBytes: remainingBytes, transfersInProgress: 0)
        }

        /// Heartbeats from every node that is up; the commands each received.
        func heartbeatAll() -> [String: [DatanodeCommand]] {
            var commands: [String: [DatanodeCommand]] = [:]
            for number in 1...6 where !down.contains("dn\(number)") {
                let received = heartbeat("dn\(number)")
                if !received.isEmpty { commands["dn\(number)"] = received }
            }
            return commands
        }

        /// A complete block with good replicas on the given nodes.
        func addBlock(_ id: UInt64, replication: Int = 3, on holders: [String]) throws {
            let block = Self.block(id)
            blocks.addBlock(block, expectedReplication: replication, isComplete: true)
            for holder in holders { try blocks.blockReceived(datanodeUUID: holder, block: block) }
        }

        static func block(_ id: UInt64, generationStamp: UInt64 = 1001, lengthBytes: Int64 = 4096) -> ExtendedBlock {
            ExtendedBlock(blockID: id, generationStamp: generationStamp, lengthBytes: lengthBytes)
        }

        func holders(_ id: UInt64) -> [String] {
            blocks.fsck([id]).first?.liveLocations.map(\.datanodeUUID).sorted() ?? []
        }
    }

    private static func transfers(in commands: [String: [DatanodeCommand]])
        -> [(source: String, block: ExtendedBlock, targets: [DatanodeInfo])]
    {
        commands.sorted { $0.key < $1.key }.flatMap { source, list in
            list.compactMap { command in
                if case .transfer(let block, let targets) = command { (source, block, targets) } else { nil }
            }
        }
    }

    @Test func fullReportDiffsAgainstKnownLocations() throws {
        let cluster = Cluster()
        for id in UInt64(1)...4 { cluster.blocks.addBlock(Cluster.block(id), expectedReplication: 3, isComplete: true) }
        let first = try cluster.blocks.processFullReport(
            datanodeUUID: "dn1",
            replicas: [
                ReportedReplica(block: Cluster.block(1), isFinalized: true),
                ReportedReplica(block: Cluster.block(2), isFinalized: true),
                ReportedReplica(block: Cluster.block(3, generationStamp: 1000), isFinalized: true),
                ReportedReplica(block: Cluster.block(4, lengthBytes: 17), isFinalized: true),
                ReportedReplica(block: Cluster.block(99), isFinalized: true),
            ])
        #expect(first.addedBlockIDs == [1, 2])
        #expect(first.invalidatedBlockIDs == [3, 99])
        #expect(first.corruptBlockIDs == [4])
        #expect(first.removedBlockIDs.isEmpty)
        #expect(cluster.heartbeat("dn1") == [.invalidate(blockIDs: [3, 99])])
        #expect(cluster.blocks.fsck([4]).first?.corruptLocations.map(\.datanodeUUID) == ["dn1"])

        let second = try cluster.blocks.processFullReport(
            datanodeUUID: "dn1", replicas: [ReportedReplica(block: Cluster.block(2), isFinalized: true)])
        #expect(second.addedBlockIDs.isEmpty)
        #expect(second.removedBlockIDs == [1, 4])
        #expect(cluster.holders(1).isEmpty)
        #expect(cluster.holders(2) == ["dn1"])
        #expect(cluster.blocks.fsck([4]).first?.corruptLocations.isEmpty == true)

        #expect(throws: BlockStoreError.self) {
            try cluster.blocks.processFullReport(datanodeUUID: "stranger", replicas: [])
        }
    }

    @Test func replicasBeingWrittenCountOnlyForBlocksUnderConstruction() throws {
        let cluster = Cluster()
        cluster.blocks.addBlock(Cluster.block(1, lengthBytes: 0), expectedReplication: 3, isComplete: false)
        cluster.blocks.addBlock(Cluster.block(2), expectedReplication: 3, isComplete: true)
        let diff = try cluster.blocks.processFullReport(
            datanodeUUID: "dn1",
            replicas: [
                ReportedReplica(block: Cluster.block(1, lengthBytes: 100), isFinalized: false),
                ReportedReplica(block: Cluster.block(2, lengthBytes: 100), isFinalized: false),
            ])
        #expect(diff.addedBlockIDs == [1])
        #expect(diff.corruptBlockIDs.isEmpty && diff.invalidatedBlockIDs.isEmpty)
        cluster.blocks.commitBlock(Cluster.block(1, lengthBytes: 100))
        #expect(cluster.blocks.fsck([1]).first?.isComplete == true)
        #expect(cluster.blocks.fsck([1]).first?.block.lengthBytes == 100)
    }

    @Test func replicaLeftBehindByANewGenerationStampIsDropped() throws {
        let cluster = Cluster()
        try cluster.addBlock(1, on: ["dn1", "dn2"])
        cluster.blocks.commitBlock(Cluster.block(1, generationStamp: 1002))
        try cluster.blocks.blockReceived(datanodeUUID: "dn2", block: Cluster.block(1, generationStamp: 1002))
        let diff = try cluster.blocks.processFullReport(
            datanodeUUID: "dn1", replicas: [ReportedReplica(block: Cluster.block(1), isFinalized: true)])
        #expect(diff.invalidatedBlockIDs == [1])
        #expect(cluster.holders(1) == ["dn2"])
        #expect(cluster.heartbeat("dn1") == [.invalidate(blockIDs: [1])])
    }

    @Test func deadNodeBlocksAreReReplicatedOnceAndThenLeftAlone() throws {
        let cluster = Cluster()
        for id in UInt64(1)...4 { try cluster.addBlock(id, on: ["dn1", "dn2", "dn4"]) }
        #expect(cluster.blocks.counts().underReplicated == 0)
        #expect(cluster.blocks.computeReplicationWork() == 0)

        // dn1 stops heartbeating and is declared dead.
        cluster.down = ["dn1"]
        cluster.clock.advance(byMillis: 600_000)
        _ = cluster.heartbeatAll()
        cluster.clock.advance(byMillis: 30_001)
        _ = cluster.heartbeatAll()
        let dead = cluster.datanodes.checkLiveness()
        #expect(dead.map(\.datanodeUUID) == ["dn1"])
        for node in dead { cluster.blocks.nodeDied(node.datanodeUUID) }
        #expect(cluster.blocks.counts().underReplicated == 4)
        #expect(cluster.blocks.datanodeReport().first { $0.info.datanodeUUID == "dn1" }?.blockCount == 0)

        // One tick: exactly one copy per block, to a node not holding it.
        #expect(cluster.blocks.computeReplicationWork() == 4)
        #expect(cluster.blocks.counts().pendingReplications == 4)
        #expect(cluster.blocks.computeReplicationWork() == 0)
        let transfers = Self.transfers(in: cluster.heartbeatAll())
        #expect(transfers.count == 4)
        #expect(Set(transfers.map(\.block.blockID)) == [1, 2, 3, 4])
        for transfer in transfers {
            #expect(["dn2", "dn4"].contains(transfer.source))
            #expect(transfer.targets.count == 1)
            #expect(!["dn1", "dn2", "dn4"].contains(transfer.targets[0].datanodeUUID))
        }

        for transfer in transfers {
            try cluster.blocks.blockReceived(datanodeUUID: transfer.targets[0].datanodeUUID, block: transfer.block)
        }
        let counts = cluster.blocks.counts()
        #expect(counts.underReplicated == 0 && counts.pendingReplications == 0 && counts.missing == 0)
        #expect(cluster.blocks.computeReplicationWork() == 0)
        #expect(cluster.heartbeatAll().isEmpty)
        for transfer in transfers { #expect(cluster.holders(transfer.block.blockID).count == 3) }
    }

    @Test func sourcesAreLimitedAndUnconfirmedCopiesAreRescheduledAfterTheTimeout() throws {
        let cluster = Cluster()
        for id in UInt64(1)...3 { try cluster.addBlock(id, on: ["dn1"]) }
        // One source, two copies in flight at most.
        #expect(cluster.blocks.computeReplicationWork(maxTransfersPerNode: 2) == 2)
        #expect(cluster.blocks.computeReplicationWork(maxTransfersPerNode: 2) == 0)
        let first = Self.transfers(in: cluster.heartbeatAll())
        #expect(first.count == 2)
        #expect(first.allSatisfy { $0.targets.count == 2 && $0.targets.allSatisfy { $0.rack == "/r2" } })

        cluster.clock.advance(byMillis: cluster.blocks.pendingReplicationTimeoutMillis + 1)
        _ = cluster.heartbeatAll()
        #expect(cluster.blocks.computeReplicationWork(maxTransfersPerNode: 2) == 2)
        #expect(Self.transfers(in: cluster.heartbeatAll()).count == 2)
    }

    @Test func missingBlocksAreCountedNotScheduled() throws {
        let cluster = Cluster()
        try cluster.addBlock(1, on: ["dn1"])
        cluster.blocks.nodeDied("dn1")
        #expect(cluster.blocks.counts().missing == 1)
        #expect(cluster.blocks.computeReplicationWork() == 0)
        #expect(cluster.heartbeatAll().isEmpty)
    }

    @Test func overReplicatedBlockLosesAReplicaFromTheFullestRackAndFullestNode() throws {
        let cluster = Cluster()
        try cluster.addBlock(1, on: ["dn1", "dn2", "dn3", "dn4"])
        _ = cluster.heartbeat("dn2", remainingBytes: 2 << 30)
        #expect(cluster.blocks.counts().overReplicated == 1)
        #expect(cluster.blocks.computeReplicationWork() == 1)
        #expect(cluster.heartbeatAll() == ["dn2": [.invalidate(blockIDs: [1])]])
        #expect(cluster.holders(1) == ["dn1", "dn3", "dn4"])
        #expect(cluster.blocks.counts().overReplicated == 0)

        // A report from dn2 before it deleted the replica does not bring it back.
        let diff = try cluster.blocks.processFullReport(
            datanodeUUID: "dn2", replicas: [ReportedReplica(block: Cluster.block(1), isFinalized: true)])
        #expect(diff.invalidatedBlockIDs == [1])
        #expect(cluster.holders(1) == ["dn1", "dn3", "dn4"])
        cluster.blocks.blockDeleted(datanodeUUID: "dn2", blockID: 1)

        cluster.blocks.setExpectedReplication(blockIDs: [1], replication: 1)
        #expect(cluster.blocks.computeReplicationWork() == 2)
        #expect(cluster.holders(1).count == 1)
    }

    @Test func corruptReplicaIsReplacedFirstAndDeletedAfter() throws {
        let cluster = Cluster()
        try cluster.addBlock(1, on: ["dn1", "dn2", "dn4"])
        cluster.blocks.reportCorruptReplica(blockID: 1, datanodeUUID: "dn2")
        let located = cluster.blocks.locatedBlocks([Cluster.block(1)], readerHost: "h2")
        #expect(Set(located[0].locations.map(\.datanodeUUID)) == ["dn1", "dn4"])
        #expect(located[0].locations.first?.datanodeUUID == "dn1")  // same rack as the reader
        var counts = cluster.blocks.counts()
        #expect(counts.corruptReplicas == 1 && counts.underReplicated == 1)
        #expect(cluster.blocks.fsck([1]).first?.corruptLocations.map(\.datanodeUUID) == ["dn2"])
        #expect(cluster.heartbeat("dn2").isEmpty)  // not deleted while it is needed as a fallback

        #expect(cluster.blocks.computeReplicationWork() == 1)
        let transfers = Self.transfers(in: cluster.heartbeatAll())
        #expect(transfers.count == 1)
        #expect(["dn1", "dn4"].contains(transfers[0].source))
        let target = transfers[0].targets[0].datanodeUUID
        #expect(!["dn1", "dn2", "dn4"].contains(target))

        try cluster.blocks.blockReceived(datanodeUUID: target, block: Cluster.block(1))
        #expect(cluster.heartbeatAll() == ["dn2": [.invalidate(blockIDs: [1])]])
        counts = cluster.blocks.counts()
        #expect(counts.corruptReplicas == 0 && counts.underReplicated == 0 && counts.pendingReplications == 0)
        #expect(cluster.holders(1) == ["dn1", "dn4", target].sorted())
        #expect(cluster.blocks.computeReplicationWork() == 0)
    }

    @Test func removedBlocksAreDeletedFromEveryHolder() throws {
        let cluster = Cluster()
        try cluster.addBlock(1, on: ["dn1", "dn4"])
        try cluster.addBlock(2, on: ["dn1", "dn5"])
        cluster.blocks.reportCorruptReplica(blockID: 2, datanodeUUID: "dn5")
        cluster.blocks.removeBlocks([1, 2, 77])
        #expect(
            cluster.heartbeatAll() == [
                "dn1": [.invalidate(blockIDs: [1, 2])], "dn4": [.invalidate(blockIDs: [1])],
                "dn5": [.invalidate(blockIDs: [2])],
            ])
        #expect(cluster.blocks.counts().totalBlocks == 0)
        #expect(cluster.blocks.datanodeReport().allSatisfy { $0.blockCount == 0 })
        // A late report of a deleted block is told to delete it.
        try cluster.blocks.blockReceived(datanodeUUID: "dn6", block: Cluster.block(1))
        #expect(cluster.heartbeat("dn6") == [.invalidate(blockIDs: [1])])
    }

    @Test func allocationPrefersTheWriterAndFailsWithHadoopsMessage() throws {
        let cluster = Cluster()
        let targets = try cluster.blocks.allocationTargets(replication: 3, writerHost: "h5", excluded: [])
        #expect(targets.count == 3)
        #expect(targets[0].datanodeUUID == "dn5")
        #expect(targets[1].rack == "/r1" && targets[2].rack == "/r1")

        let everyone = Set((1...6).map { "dn\($0)" })
        #expect(throws: BlockStoreError.self) {
            try cluster.blocks.allocationTargets(replication: 3, writerHost: nil, excluded: everyone, path: "/a")
        }
        do {
            _ = try cluster.blocks.allocationTargets(replication: 3, writerHost: nil, excluded: everyone, path: "/a")
        } catch let error as BlockStoreError {
            #expect(error.kind == .notEnoughReplicas)
            #expect(
                error.message
                    == "File /a could only be written to 0 of the 1 minReplication nodes. There are 6 datanode(s) "
                    + "running and 6 node(s) are excluded in this operation.")
        }
        let two = try cluster.blocks.allocationTargets(replication: 3, writerHost: nil, excluded: everyone.subtracting(["dn1", "dn2"]))
        #expect(Set(two.map(\.datanodeUUID)) == ["dn1", "dn2"])
    }

    @Test func safeModeCountsCompleteBlocksWithEnoughReportedReplicas() throws {
        let cluster = Cluster()
        for id in UInt64(1)...10 { cluster.blocks.addBlock(Cluster.block(id), expectedReplication: 3, isComplete: true) }
        cluster.blocks.addBlock(Cluster.block(11), expectedReplication: 3, isComplete: false)
        #expect(cluster.blocks.safeModeStatus() == SafeModeStatus(reportedBlocks: 0, totalBlocks: 10, thresholdMet: false))
        #expect(cluster.blocks.safeModeStatus(thresholdFraction: 0).thresholdMet)

        try cluster.blocks.processFullReport(
            datanodeUUID: "dn1", replicas: (1...9).map { ReportedReplica(block: Cluster.block($0), isFinalized: true) })
        #expect(cluster.blocks.safeModeStatus() == SafeModeStatus(reportedBlocks: 9, totalBlocks: 10, thresholdMet: false))
        #expect(cluster.blocks.safeModeStatus(thresholdFraction: 0.9).thresholdMet)

        try cluster.blocks.processFullReport(
            datanodeUUID: "dn2", replicas: (1...10).map { ReportedReplica(block: Cluster.block($0), isFinalized: true) })
        #expect(cluster.blocks.safeModeStatus() == SafeModeStatus(reportedBlocks: 10, totalBlocks: 10, thresholdMet: true))
        #expect(cluster.blocks.safeModeStatus(minimumReplicas: 2).reportedBlocks == 9)
        #expect(!cluster.blocks.safeModeStatus(thresholdFraction: 1.5).thresholdMet)

        let empty = Cluster()
        #expect(empty.blocks.safeModeStatus().thresholdMet)
    }

    @Test func concurrentReportsHeartbeatsAndTicksAgree() async throws {
        let cluster = Cluster()
        let blockManager = cluster.blocks
        let datanodes = cluster.datanodes
        for id in UInt64(1)...200 { blockManager.addBlock(Cluster.block(id), expectedReplication: 6, isComplete: true) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for number in 1...6 {
                group.addTask {
                    for id in UInt64(1)...200 {
                        try blockManager.blockReceived(datanodeUUID: "dn\(number)", block: Cluster.block(id))
                        if id % 50 == 0 {
                            _ = datanodes.heartbeat(
                                datanodeUUID: "dn\(number)", capacityBytes: 1 << 40, usedBytes: 0,
                                remainingBytes: 1 << 40, transfersInProgress: 0)
                        }
                    }
                }
            }
            group.addTask {
                for _ in 0..<20 {
                    _ = blockManager.computeReplicationWork()
                    _ = blockManager.counts()
                }
            }
            try await group.waitForAll()
        }
        let counts = blockManager.counts()
        #expect(counts.underReplicated == 0 && counts.missing == 0 && counts.overReplicated == 0)
        #expect(blockManager.fsck(Array(1...200)).allSatisfy { $0.liveLocations.count == 6 })
    }

    @Test func thousandBlocksMeetTheDefaultThresholdWithOneMissing() throws {
        let cluster = Cluster()
        for id in UInt64(1)...1000 { cluster.blocks.addBlock(Cluster.block(id), expectedReplication: 1, isComplete: true) }
        try cluster.blocks.processFullReport(
            datanodeUUID: "dn1", replicas: (1...999).map { ReportedReplica(block: Cluster.block($0), isFinalized: true) })
        #expect(cluster.blocks.safeModeStatus().thresholdMet)
    }
}
