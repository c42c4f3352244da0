import Testing
import SluiceCore
@testable import Dataflow

@Suite struct SortedSegmentMergerTests {
    @Test func mergingEveryMapOutputEqualsAGroupBy() throws {
        let directory = try ShuffleTestDirectory()
        let partitionCount = 3
        var random = SeededRandomGenerator(seed: 10)
        var outputs: [SortedMapOutput] = []
        // Values of a key in map order, then in the order each map emitted them.
        var expected: [[Int: [String]]] = Array(repeating: [:], count: partitionCount)
        for mapIndex in 0..<4 {
            var sorter = MapOutputSorter<Int, String>(partitionCount: partitionCount, bufferLimitBytes: mapIndex.isMultiple(of: 2) ? 1500 : 1 << 20,
                                                      spillDirectory: directory.path, combine: nil)
            for _ in 0..<800 {
                let key = Int.random(in: -300...300, using: &random) * (random.chance(1, in: 10) ? 1 << 40 : 1)
                let value = ShuffleSamples.word(&random)
                let partition = ShuffleSamples.partition(of: key, partitionCount: partitionCount)
                expected[partition][key, default: []].append(value)
                try sorter.insert(partition: partition, key: key, value: value)
            }
            outputs.append(try sorter.finish(outputPath: directory.file("map-\(mapIndex).out")))
        }
        for partition in 0..<partitionCount {
            let sources = try outputs.map { output throws(SluiceError) in
                try SortedSegmentSource(path: output.path, byteRange: output.partitionByteRanges[partition], chunkByteCount: 100)
            }
            var merger = try SortedSegmentMerger<Int, String>(sources: sources)
            var keys: [Int] = []
            var groups: [Int: [String]] = [:]
            try merger.forEachGroup { key, values in
                keys.append(key)
                groups[key] = values
            }
            #expect(groups == expected[partition])
            #expect(keys.count == groups.count)
            let keyBytes = keys.map { $0.encodedBytes() }
            #expect(zip(keyBytes, keyBytes.dropFirst()).allSatisfy { ShuffleSamples.keyBytesPrecede($0, $1) })
        }
    }

    @Test func inMemorySegmentsMergeLikeFileSegments() throws {
        let directory = try ShuffleTestDirectory()
        var random = SeededRandomGenerator(seed: 11)
        var outputs: [SortedMapOutput] = []
        for mapIndex in 0..<3 {
            var sorter = MapOutputSorter<String, Int>(partitionCount: 1, bufferLimitBytes: 1 << 20, spillDirectory: directory.path,
                                                      combine: { $0 += $1 })
            for _ in 0..<500 { try sorter.insert(partition: 0, key: ShuffleSamples.word(&random), value: 1) }
            outputs.append(try sorter.finish(outputPath: directory.file("map-\(mapIndex).out")))
        }
        func groups(_ sources: [SortedSegmentSource]) throws -> [(String, [Int])] {
            var merger = try SortedSegmentMerger<String, Int>(sources: sources)
            var groups: [(String, [Int])] = []
            try merger.forEachGroup { groups.append(($0, $1)) }
            return groups
        }
        let fromFiles = try groups(outputs.map { output throws(SluiceError) in
            try SortedSegmentSource(path: output.path, byteRange: output.partitionByteRanges[0])
        })
        let fromMemory = try groups(outputs.map { output in
            try SortedSegmentSource(bytes: ShuffleSamples.readFile(output.path), name: output.path)
        })
        #expect(fromFiles.map(\.0) == fromMemory.map(\.0))
        #expect(fromFiles.map(\.1) == fromMemory.map(\.1))
        #expect(fromFiles.reduce(0) { $0 + $1.1.reduce(0, +) } == 1500)
    }

    @Test func noSourcesAndEmptySourcesGiveNoGroups() throws {
        var none = try SortedSegmentMerger<String, Int>(sources: [])
        try none.forEachGroup { _, _ in Issue.record("no group expected") }
        let empty = [UInt8](repeating: 0, count: SortedSegmentFormat.headerByteCount)
        var merger = try SortedSegmentMerger<String, Int>(sources: [try SortedSegmentSource(bytes: empty), try SortedSegmentSource(bytes: empty)])
        try merger.forEachGroup { _, _ in Issue.record("no group expected") }
    }
}
