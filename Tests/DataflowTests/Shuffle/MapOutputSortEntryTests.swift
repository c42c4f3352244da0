import Testing
import SluiceCore
@testable import Dataflow

@Suite struct MapOutputSortEntryTests {
    /// Entries over raw keys that share prefixes, end in zero bytes, or run past 8 bytes.
    func sampleEntries(count: Int, seed: UInt64) -> (arena: [UInt8], entries: [MapOutputSortEntry]) {
        var random = SeededRandomGenerator(seed: seed)
        var arena = RecordWriter()
        var entries: [MapOutputSortEntry] = []
        for _ in 0..<count {
            let keyByteCount = Int.random(in: 1...12, using: &random)
            let key = (0..<keyByteCount).map { _ in UInt8.random(in: 0...2, using: &random) }
            let offset = arena.byteCount
            key.withUnsafeBytes { arena.writeBytes($0) }
            arena.writeByte(7)
            entries.append(MapOutputSortEntry(keyPrefix: key.withUnsafeBytes { ShuffleKeyBytes.prefix($0) }, recordOffset: UInt32(offset),
                                              partition: UInt32.random(in: 0..<3, using: &random), keyByteCount: UInt32(keyByteCount),
                                              valueByteCount: 1))
        }
        return (arena.finish(), entries)
    }

    @Test(arguments: [0, 1, 100, 5000])
    func radixSortAgreesWithAComparisonSort(count: Int) {
        let (arena, entries) = sampleEntries(count: count, seed: UInt64(count))
        arena.withUnsafeBytes { arenaBytes in
            var sorted = entries
            MapOutputSortEntry.sort(&sorted, partitionCount: 3, arena: arenaBytes)
            let expected = entries.sorted { $0.sortsBefore($1, in: arenaBytes) }
            #expect(sorted.map(\.recordOffset) == expected.map(\.recordOffset))
            // The comparison sort's order is partition, then key bytes, then insertion.
            let keys = expected.map { ($0.partition, Array($0.keyBytes(in: arenaBytes)), $0.recordOffset) }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { left, right in
                left.0 != right.0 ? left.0 < right.0
                    : left.1 != right.1 ? left.1.lexicographicallyPrecedes(right.1) : left.2 < right.2
            })
        }
    }
}
