import BlockStore
import Foundation
import SluiceCore
import Testing

/// The namenode process killed with SIGKILL during a storm of namespace changes from several
/// clients: every change acknowledged before the kill is there after a restart on the same
/// folder. Then the edit log is damaged on disk: a torn last record costs only that record, a
/// flipped byte in the middle stops the start with a message naming the file.
@Suite(.serialized) struct FaultNameNodeTests {
    /// What the storm's clients were told succeeded, and what was in flight when the namenode died.
    final class AcknowledgedChanges: @unchecked Sendable {
        // Sendable: every property is guarded by `lock`.
        struct WrittenFile {
            var path: String
            var bytes: [UInt8]
            /// Set when the rename was sent; the file is at one of the two names if not acknowledged.
            var renameTarget: String?
            var isRenameAcknowledged = false
        }

        private let lock = Mutex()
        private var directoriesValue: [String] = []
        private var filesValue: [String: WrittenFile] = [:]
        private var countValue = 0

        var count: Int { lock.withLock { countValue } }
        var directories: [String] { lock.withLock { directoriesValue } }
        var files: [WrittenFile] { lock.withLock { filesValue.values.sorted { $0.path < $1.path } } }

        func directoryMade(_ path: String) {
            lock.withLock {
                directoriesValue.append(path)
                countValue += 1
            }
        }

        func fileWritten(_ path: String, _ bytes: [UInt8]) {
            lock.withLock {
                filesValue[path] = WrittenFile(path: path, bytes: bytes)
                countValue += 1
            }
        }

        func renameSent(_ path: String, to target: String) {
            lock.withLock { filesValue[path]?.renameTarget = target }
        }

        func renameAcknowledged(_ path: String) {
            lock.withLock {
                filesValue[path]?.isRenameAcknowledged = true
                countValue += 1
            }
        }
    }

    /// One storm client: mkdir, create + write + close, rename, over and over, until a call fails.
    static func storm(client: DFSClient, task: Int, seed: UInt64, log: AcknowledgedChanges) async {
        var generator = SeededRandomGenerator(seed: seed)
        do {
            for round in 0..<10_000 {
                let directory = "/storm/t\(task)/d\(round)"
                guard try await client.makeDirectories(directory) else { return }
                log.directoryMade(directory)
                let path = "/storm/t\(task)/f\(round)"
                let bytes = ProcessCluster.seededBytes(count: Int.random(in: 1...3000, using: &generator), seed: generator.next())
                let stream = try await client.create(path, overwrite: false)
                try await stream.write(bytes)
                try await stream.close()
                log.fileWritten(path, bytes)
                let target = "/storm/t\(task)/r\(round)"
                log.renameSent(path, to: target)
                guard try await client.rename(path, to: target) else { return }
                log.renameAcknowledged(path)
            }
        } catch {
            // The namenode is gone: this client stops.
        }
    }

    /// Checks that every acknowledged change is in the namespace; with `checkBytes`, that every
    /// acknowledged file reads back its bytes.
    static func expectAcknowledgedChanges(_ log: AcknowledgedChanges, client: DFSClient, checkBytes: Bool) async throws {
        for directory in log.directories {
            let status = try? await client.status(directory)
            #expect(status?.type == .directory, "acknowledged mkdir \(directory) survived")
        }
        for file in log.files {
            var renamed = false
            if let target = file.renameTarget { renamed = (try? await client.status(target)) != nil }
            let original = (try? await client.status(file.path)) != nil
            if file.isRenameAcknowledged {
                #expect(renamed && !original, "acknowledged rename of \(file.path) to \(file.renameTarget ?? "") survived")
            } else if file.renameTarget != nil {
                #expect(renamed != original, "\(file.path) is at exactly one of its names after a rename in flight")
            } else {
                #expect(original, "acknowledged file \(file.path) survived")
            }
            guard checkBytes else { continue }
            let path = renamed ? file.renameTarget! : file.path
            let stream = try await client.open(path)
            #expect(stream.lengthBytes == Int64(file.bytes.count), "\(path) has its length")
            if stream.lengthBytes == Int64(file.bytes.count) {
                let back = try await stream.read(offset: 0, count: file.bytes.count)
                #expect(back == file.bytes, "\(path) has its bytes")
            }
        }
    }

    /// The newest edit-log segment holding records.
    static func newestSegment(in directory: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("edits_") }.sorted()
        for name in names.reversed() {
            let path = directory + "/" + name
            if let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber, size.intValue > 0 { return path }
        }
        throw SluiceError.internal("no edit-log segment with records in \(directory)")
    }

    /// Where each record of a segment starts and ends: `[u32 LE length][u32 CRC][u64 txid][payload]`.
    static func recordRanges(of bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var offset = 0
        while offset + 16 <= bytes.count {
            let length = (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            let end = offset + 16 + length
            guard end <= bytes.count else { break }
            ranges.append(offset..<end)
            offset = end
        }
        return ranges
    }

    @Test func acknowledgedChangesSurviveANameNodeKillAndADamagedLogIsHandled() async throws {
        let cluster = try await ProcessCluster.start(datanodes: 3)
        defer { cluster.stopAll() }
        let log = AcknowledgedChanges()
        let address = try cluster.nameNodeAddress
        let acknowledgedBeforeKill = 60

        // 1. The storm, and the kill once enough changes are acknowledged.
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    await Self.storm(client: DFSClient(namenodeAddress: address, user: "sluice"), task: task, seed: UInt64(500 + task), log: log)
                }
            }
            group.addTask {
                try? await cluster.waitUntil("\(acknowledgedBeforeKill) changes acknowledged") { log.count >= acknowledgedBeforeKill }
                cluster.killNameNode()
            }
        }
        #expect(log.count >= acknowledgedBeforeKill)
        #expect((try? cluster.nameNodeAddress) == nil, "the namenode was killed during the storm")

        // 2. Restart everything over the same folders.
        cluster.killAll()
        try await cluster.startNameNode()
        for index in 0..<3 { try await cluster.startDataNode(index) }
        try await cluster.waitForLiveDataNodes(3)
        let client = try cluster.client()
        try await Self.expectAcknowledgedChanges(log, client: client, checkBytes: true)

        // 3. A torn last record: only that change is lost.
        try await client.makeDirectories("/markers/m-before")
        try await client.makeDirectories("/markers/m-last")
        cluster.killNameNode()
        let segment = try Self.newestSegment(in: cluster.nameNodeDirectory)
        let segmentBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: segment)))
        let records = Self.recordRanges(of: segmentBytes)
        let last = try #require(records.last)
        #expect(last.upperBound == segmentBytes.count, "the segment ends with a whole record")
        #expect(String(decoding: segmentBytes[last], as: UTF8.self).contains("m-last"), "the last record is the last mkdir")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: segment))
        try handle.truncate(atOffset: UInt64(last.upperBound - 3))
        try handle.close()
        try await cluster.startNameNode()
        let afterTorn = try cluster.client()
        #expect((try? await afterTorn.status("/markers/m-before"))?.type == .directory, "the change before the torn record is there")
        #expect((try? await afterTorn.status("/markers/m-last")) == nil, "the torn record's change is gone")
        let truncatedSize = try FileManager.default.attributesOfItem(atPath: segment)[.size] as? NSNumber
        #expect(truncatedSize?.intValue == last.lowerBound, "the torn record was cut off the segment")
        try await Self.expectAcknowledgedChanges(log, client: afterTorn, checkBytes: false)

        // 4. A flipped byte in the middle of the log: the namenode refuses to start and says where.
        cluster.killNameNode()
        let oldest = try FileManager.default.contentsOfDirectory(atPath: cluster.nameNodeDirectory).filter { $0.hasPrefix("edits_") }.sorted().first
        let damaged = cluster.nameNodeDirectory + "/" + (try #require(oldest))
        var damagedBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: damaged)))
        let damagedRecords = Self.recordRanges(of: damagedBytes)
        #expect(damagedRecords.count >= acknowledgedBeforeKill, "the oldest segment holds the storm")
        let middle = damagedRecords[damagedRecords.count / 2]
        damagedBytes[(middle.lowerBound + 16 + middle.upperBound) / 2] ^= 0x20
        try Data(damagedBytes).write(to: URL(fileURLWithPath: damaged))
        let (status, output) = try await cluster.runNameNodeUntilExit(logName: "namenode-damaged")
        #expect(status != 0, "a namenode with a damaged log does not start")
        #expect(output.contains(damaged), "the message names the damaged file: \(output)")
        #expect(output.contains("corrupt at byte \(middle.lowerBound)"), "the message names the damaged record: \(output)")
    }
}
