import Foundation
import SluiceCore
@testable import Dataflow

/// A fresh directory for one test's spill and output files, removed when released.
final class ShuffleTestDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "sluice-shuffle-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// The names in the directory, sorted.
    func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

enum ShuffleSamples {
    /// A short word from a small alphabet, so that keys repeat; lengths cross the 8-byte key prefix.
    static func word(_ random: inout SeededRandomGenerator, lengthMax: Int = 12) -> String {
        let letters = Array("abcdefg")
        let length = Int.random(in: 1...lengthMax, using: &random)
        return String((0..<length).map { _ in letters[Int.random(in: 0..<(length > 3 ? 2 : letters.count), using: &random)] })
    }

    /// Which partition a key goes to in these tests.
    static func partition<Key: ShuffleCodable>(of key: Key, partitionCount: Int) -> Int {
        Int(CRC32C.checksum(key.encodedBytes()) % UInt32(partitionCount))
    }

    /// Whether `left`'s encoding sorts before `right`'s in the shuffle's key order.
    static func keyBytesPrecede(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.lexicographicallyPrecedes(right)
    }

    /// Every record of one partition of a map output, in file order.
    static func records<Key: ShuffleCodable, Value: ShuffleCodable>(of output: SortedMapOutput, partition: Int,
                                                                     as: (Key.Type, Value.Type)) throws -> [(Key, Value)] {
        let source = try SortedSegmentSource(path: output.path, byteRange: output.partitionByteRanges[partition], chunkByteCount: 64)
        var records: [(Key, Value)] = []
        while let record = try source.nextRecord(Key.self, Value.self) { records.append(record) }
        return records
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
