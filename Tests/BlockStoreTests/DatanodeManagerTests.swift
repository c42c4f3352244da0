import SluiceCore
import Testing

@testable import BlockStore

@Suite struct DatanodeManagerTests {
    private func node(_ number: Int, host: String? = nil, rack: String = DatanodeInfo.defaultRack) -> DatanodeInfo {
        DatanodeInfo(datanodeUUID: "dn\(number)", host: host ?? "h\(number)", port: 9866, rack: rack)
    }

    private func beat(_ manager: DatanodeManager, _ uuid: String) -> [DatanodeCommand] {
        manager.heartbeat(
            datanodeUUID: uuid, capacityBytes: 1000, usedBytes: 100, remainingBytes: 900, transfersInProgress: 0)
    }

    @Test func livenessGoesLiveStaleDeadAndBackByRegistering() {
        let clock = ManualWallClock(startMillis: 1_000_000)
        let manager = DatanodeManager(clock: clock)
        manager.register(node(1))
        #expect(manager.node("dn1")?.state == .live)

        clock.advance(byMillis: 30_000)
        #expect(manager.node("dn1")?.state == .live)
        clock.advance(byMillis: 1)
        #expect(manager.node("dn1")?.state == .stale)
        #expect(manager.liveNodes().map(\.datanodeUUID) == ["dn1"])

        #expect(beat(manager, "dn1").isEmpty)
        #expect(manager.node("dn1")?.state == .live)

        clock.advance(byMillis: 630_000)
        #expect(manager.checkLiveness().isEmpty)
        #expect(manager.node("dn1")?.state == .stale)
        clock.advance(byMillis: 1)
        #expect(manager.checkLiveness().map(\.datanodeUUID) == ["dn1"])
        #expect(manager.node("dn1")?.state == .dead)
        #expect(manager.checkLiveness().isEmpty)
        #expect(manager.liveNodes().isEmpty)

        // A dead node must register again; its heartbeats do not revive it.
        #expect(beat(manager, "dn1") == [.register])
        #expect(manager.node("dn1")?.state == .dead)
        manager.register(node(1))
        #expect(manager.node("dn1")?.state == .live)
        #expect(beat(manager, "dn1").isEmpty)
    }

    @Test func unknownNodeIsToldToRegister() {
        let manager = DatanodeManager(clock: ManualWallClock())
        #expect(beat(manager, "nobody") == [.register])
        #expect(manager.node("nobody") == nil)
    }

    @Test func heartbeatHandsOverQueuedCommandsOnceAndMergesDeletions() {
        let manager = DatanodeManager(clock: ManualWallClock())
        manager.register(node(1))
        manager.register(node(2))
        let block = ExtendedBlock(blockID: 7, generationStamp: 1001, lengthBytes: 10)
        manager.enqueue(.invalidate(blockIDs: [1, 2]), for: "dn1")
        manager.enqueue(.transfer(block: block, targets: [node(2)]), for: "dn1")
        manager.enqueue(.invalidate(blockIDs: [2, 3]), for: "dn1")
        manager.enqueue(.invalidate(blockIDs: [9]), for: "unknown")
        #expect(beat(manager, "dn1") == [.invalidate(blockIDs: [1, 2, 3]), .transfer(block: block, targets: [node(2)])])
        #expect(beat(manager, "dn1").isEmpty)
        #expect(beat(manager, "dn2").isEmpty)
        #expect(manager.node("dn1")?.remainingBytes == 900)
    }

    @Test func deadNodeLosesItsQueuedCommands() {
        let clock = ManualWallClock()
        let manager = DatanodeManager(clock: clock, staleAfterMillis: 10, deadAfterMillis: 100)
        manager.register(node(1))
        manager.enqueue(.invalidate(blockIDs: [1]), for: "dn1")
        clock.advance(byMillis: 101)
        #expect(manager.checkLiveness().count == 1)
        manager.register(node(1))
        #expect(beat(manager, "dn1").isEmpty)
    }

    @Test func topologyOverridesTheRackANodeReports() {
        let manager = DatanodeManager(
            clock: ManualWallClock(), topology: ["h1:9866": "/dc1/r1", "h2": "/dc1/r2", "h1": "/wrong"])
        #expect(manager.register(node(1)).rack == "/dc1/r1")
        #expect(manager.register(node(2)).rack == "/dc1/r2")
        #expect(manager.register(node(3, rack: "/own")).rack == "/own")
        #expect(manager.node("dn2")?.info.rack == "/dc1/r2")
        #expect(manager.rack(ofHost: "h3") == "/own")
        #expect(manager.rack(ofHost: "client-host") == nil)
    }

    @Test func reRegistrationWithANewAddressKeepsTheUpPeriod() {
        let clock = ManualWallClock()
        let manager = DatanodeManager(clock: clock, staleAfterMillis: 10, deadAfterMillis: 100)
        manager.register(node(1))
        clock.advance(byMillis: 50)
        manager.register(DatanodeInfo(datanodeUUID: "dn1", host: "h1-new", port: 9867))
        #expect(manager.node("dn1")?.info.address == "h1-new:9867")
        clock.advance(byMillis: 150)
        _ = manager.checkLiveness()
        let report = manager.report().first!
        #expect(report.recoveryCount == 0)
        #expect(report.failureCount == 1)
        // Up from the first registration (0) to the failure (last heartbeat 50 + 100).
        #expect(report.meanTimeBetweenFailuresMillis == 150)
    }

    /// A scripted history: dn1 fails twice and recovers twice, dn2 never fails, dn3 fails once
    /// and stays down.
    @Test func meanTimesBetweenFailuresAndToRecovery() {
        let clock = ManualWallClock()
        let manager = DatanodeManager(clock: clock, staleAfterMillis: 10, deadAfterMillis: 100)
        manager.register(node(1))
        manager.register(node(2))
        manager.register(node(3))
        clock.advance(byMillis: 50)
        _ = beat(manager, "dn1")
        clock.advance(byMillis: 150)  // t = 200
        _ = beat(manager, "dn2")
        // dn1 failed at 50 + 100 = 150 (up 150); dn3 at 0 + 100 = 100 (up 100).
        #expect(manager.checkLiveness().map(\.datanodeUUID) == ["dn1", "dn3"])
        clock.advance(byMillis: 100)  // t = 300
        manager.register(node(1))  // down 150
        clock.advance(byMillis: 700)  // t = 1000
        _ = beat(manager, "dn1")
        clock.advance(byMillis: 200)  // t = 1200
        _ = beat(manager, "dn2")
        // dn1 failed at 1000 + 100 = 1100 (up 800).
        #expect(manager.checkLiveness().map(\.datanodeUUID) == ["dn1"])
        clock.advance(byMillis: 200)  // t = 1400
        manager.register(node(1))  // down 300
        _ = beat(manager, "dn2")

        let reports = Dictionary(uniqueKeysWithValues: manager.report(blockCounts: ["dn2": 5]).map { ($0.info.datanodeUUID, $0) })
        let first = reports["dn1"]!
        #expect(first.failureCount == 2)
        #expect(first.recoveryCount == 2)
        #expect(first.meanTimeBetweenFailuresMillis == 475)
        #expect(first.meanTimeToRecoveryMillis == 225)
        #expect(first.state == .live)

        let second = reports["dn2"]!
        #expect(second.failureCount == 0)
        #expect(second.meanTimeBetweenFailuresMillis == nil)
        #expect(second.meanTimeToRecoveryMillis == nil)
        #expect(second.blockCount == 5)
        #expect(second.lastHeartbeatAgeMillis == 0)
        #expect(second.address == "h2:9866")

        let third = reports["dn3"]!
        #expect(third.state == .dead)
        #expect(third.failureCount == 1)
        #expect(third.meanTimeBetweenFailuresMillis == 100)
        #expect(third.meanTimeToRecoveryMillis == nil)
        #expect(third.lastHeartbeatAgeMillis == 1400)

        let cluster = manager.clusterAvailability()
        #expect(cluster.failureCount == 3)
        #expect(cluster.recoveryCount == 2)
        #expect(cluster.meanTimeBetweenFailuresMillis == 350)  // (150 + 800 + 100) / 3
        #expect(cluster.meanTimeToRecoveryMillis == 225)  // (150 + 300) / 2
    }
}
