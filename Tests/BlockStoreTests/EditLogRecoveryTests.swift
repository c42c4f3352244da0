import BlockStore
import Foundation
import SluiceCore
import Testing

@Suite struct EditLogRecoveryTests {
    /// A namespace with directories /d0.../d{count-1}, closed; returns the segment's path.
    private func closedLog(directoryCount: Int) async throws -> (NamespaceFixture, String) {
        let fixture = try NamespaceFixture()
        for index in 0..<directoryCount {
            try await fixture.namespace.mkdirs("/d\(index)", user: "alice")
        }
        try fixture.namespace.close()
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.directory)
        let segment = try #require(names.first { $0.hasPrefix("edits_") })
        return (fixture, fixture.directory + "/" + segment)
    }

    private func directories(_ namespace: NameSpace) throws -> [String] {
        try namespace.list("/", user: "hdfs").map(\.pathSuffix).sorted()
    }

    @Test func aTornLastRecordIsDroppedAndTheFileTruncated() async throws {
        let (fixture, segment) = try await closedLog(directoryCount: 5)
        let handle = try #require(FileHandle(forUpdatingAtPath: segment))
        let length = try handle.seekToEnd()
        try handle.truncate(atOffset: length - 7)
        try handle.close()
        fixture.namespace = try fixture.reopen()
        #expect(try directories(fixture.namespace) == ["d0", "d1", "d2", "d3"])
        #expect(fixture.namespace.lastTransactionID == 4)
        // The log goes on after the dropped record with the next txid.
        try await fixture.namespace.mkdirs("/again", user: "alice")
        try fixture.restart()
        #expect(try directories(fixture.namespace) == ["again", "d0", "d1", "d2", "d3"])
    }

    @Test func garbageAfterTheLastRecordIsDropped() async throws {
        let (fixture, segment) = try await closedLog(directoryCount: 5)
        var generator = SeededRandomGenerator(seed: 7)
        let garbage = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let handle = try #require(FileHandle(forUpdatingAtPath: segment))
        let length = try handle.seekToEnd()
        try handle.write(contentsOf: Data(garbage))
        try handle.close()
        fixture.namespace = try fixture.reopen()
        #expect(try directories(fixture.namespace) == ["d0", "d1", "d2", "d3", "d4"])
        let attributes = try FileManager.default.attributesOfItem(atPath: segment)
        #expect((attributes[.size] as? NSNumber)?.uint64Value == length)
    }

    @Test func aDamagedMiddleRecordStopsStartUp() async throws {
        let (fixture, segment) = try await closedLog(directoryCount: 5)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
        // Find the third record by walking the length fields, then flip a payload byte.
        var offset = 0
        for _ in 0..<2 {
            let payloadLength = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
            offset += 16 + payloadLength
        }
        bytes[offset + 20] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        do {
            _ = try fixture.reopen()
            Issue.record("start-up should have failed")
        } catch let error as SluiceError {
            #expect(error.fault == .data)
            #expect(error.message.hasPrefix("edit log \(segment) is corrupt at byte \(offset) (txid 3): "))
            #expect(error.location == SourceLocation(file: segment, byteOffset: offset))
        }
    }

    @Test func aMissingSegmentIsAGap() async throws {
        let fixture = try NamespaceFixture()
        try await fixture.namespace.mkdirs("/a", user: "alice")
        try fixture.namespace.checkpoint()
        try await fixture.namespace.mkdirs("/b", user: "alice")
        try fixture.namespace.checkpoint()
        try await fixture.namespace.mkdirs("/c", user: "alice")
        try fixture.namespace.close()
        // Lose the newest image and the segment holding txid 2: replay from the older image
        // must notice that txid 2 is missing.
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.directory)
        for name in names where name == "fsimage_0000000000000000002" || name == "edits_0000000000000000002" {
            try FileManager.default.removeItem(atPath: fixture.directory + "/" + name)
        }
        let error = #expect(throws: SluiceError.self) { _ = try fixture.reopen() }
        #expect(error?.message.contains("(txid 2): edits 2...2 are missing") == true)
    }
}
