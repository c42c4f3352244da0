import Testing
import SluiceCore
@testable import Dataflow

@Suite struct MapOutputSorterTests {
    let partitionCount = 4

    func sortedOutput(records: [(String, Int)], bufferLimitBytes: Int, combine: ((inout Int, Int) -> Void)?,
                      in directory: ShuffleTestDirectory, name: String) throws -> SortedMapOutput {
        var sorter = MapOutputSorter<String, Int>(partitionCount: partitionCount, bufferLimitBytes: bufferLimitBytes,
                                                  spillDirectory: directory.path, combine: combine)
        for (key, value) in records {
            try sorter.insert(partition: ShuffleSamples.partition(of: key, partitionCount: partitionCount), key: key, value: value)
        }
        #expect(sorter.insertedRecordCount == records.count)
        return try sorter.finish(outputPath: directory.file(name))
    }

    func sampleRecords(count: Int, seed: UInt64) -> [(String, Int)] {
        var random = SeededRandomGenerator(seed: seed)
        return (0..<count).map { _ in (ShuffleSamples.word(&random), Int.random(in: -1000...1000, using: &random)) }
    }

    @Test(arguments: [false, true])
    func manySpillsWriteTheSameFileAsNoSpill(combining: Bool) throws {
        let directory = try ShuffleTestDirectory()
        let records = sampleRecords(count: 6000, seed: 1)
        let combine: ((inout Int, Int) -> Void)? = combining ? { $0 += $1 } : nil
        let inMemory = try sortedOutput(records: records, bufferLimitBytes: 64 << 20, combine: combine, in: directory, name: "memory.out")
        let spilled = try sortedOutput(records: records, bufferLimitBytes: 2048, combine: combine, in: directory, name: "spilled.out")
        #expect(inMemory.spillCount == 0 && inMemory.spilledByteCount == 0)
        #expect(spilled.spillCount > 10 && spilled.spilledByteCount > 0)
        #expect(spilled.partitionByteRanges == inMemory.partitionByteRanges)
        #expect(spilled.recordCounts == inMemory.recordCounts)
        #expect(spilled.inputRecordCount == records.count)
        #expect(try ShuffleSamples.readFile(spilled.path) == ShuffleSamples.readFile(inMemory.path))
        #expect(spilled.outputByteCount == inMemory.outputByteCount)
        if !combining { #expect(spilled.outputRecordCount == records.count) }
        // Spill files are gone; only the two outputs remain.
        #expect(try directory.fileNames() == ["memory.out", "spilled.out"])
    }

    @Test func combinedSumsEqualADictionaryAndKeysComeOnceInKeyByteOrder() throws {
        let directory = try ShuffleTestDirectory()
        let records = sampleRecords(count: 5000, seed: 2)
        let output = try sortedOutput(records: records, bufferLimitBytes: 4096, combine: { $0 += $1 }, in: directory, name: "map.out")
        var expected: [String: Int] = [:]
        for (key, value) in records { expected[key, default: 0] += value }
        var actual: [String: Int] = [:]
        for partition in 0..<partitionCount {
            let partitionRecords = try ShuffleSamples.records(of: output, partition: partition, as: (String.self, Int.self))
            #expect(partitionRecords.count == output.recordCounts[partition])
            let keyBytes = partitionRecords.map { $0.0.encodedBytes() }
            // Strictly increasing: sorted, and each key once.
            #expect(zip(keyBytes, keyBytes.dropFirst()).allSatisfy { ShuffleSamples.keyBytesPrecede($0, $1) })
            for (key, sum) in partitionRecords {
                #expect(ShuffleSamples.partition(of: key, partitionCount: partitionCount) == partition)
                actual[key] = sum
            }
        }
        #expect(actual == expected)
        #expect(output.outputRecordCount == expected.count)
        #expect(output.inputRecordCount == records.count)
    }

    @Test func stringValuesAreCombinedInInsertionOrderAcrossSpills() throws {
        let directory = try ShuffleTestDirectory()
        var random = SeededRandomGenerator(seed: 3)
        var sorter = MapOutputSorter<Int, String>(partitionCount: 3, bufferLimitBytes: 1024, spillDirectory: directory.path,
                                                  combine: { $0 += $1 })
        var expected: [Int: String] = [:]
        for index in 0..<3000 {
            let key = Int.random(in: -50...50, using: &random)
            let value = String(index % 10)
            expected[key, default: ""] += value
            try sorter.insert(partition: ShuffleSamples.partition(of: key, partitionCount: 3), key: key, value: value)
        }
        let output = try sorter.finish(outputPath: directory.file("map.out"))
        #expect(output.spillCount > 1)
        var actual: [Int: String] = [:]
        for partition in 0..<3 {
            for (key, value) in try ShuffleSamples.records(of: output, partition: partition, as: (Int.self, String.self)) {
                #expect(actual[key] == nil)
                actual[key] = value
            }
        }
        #expect(actual == expected)
    }

    @Test func emptyPartitionsAreHeadersWithZeroCounts() throws {
        let directory = try ShuffleTestDirectory()
        for bufferLimitBytes in [64, 1 << 20] {
            var sorter = MapOutputSorter<String, Int>(partitionCount: 5, bufferLimitBytes: bufferLimitBytes,
                                                      spillDirectory: directory.path, combine: nil)
            for index in 0..<20 { try sorter.insert(partition: index % 2 == 0 ? 1 : 3, key: "k\(index % 7)", value: index) }
            let output = try sorter.finish(outputPath: directory.file("map-\(bufferLimitBytes).out"))
            #expect(output.recordCounts == [0, 10, 0, 10, 0])
            for partition in [0, 2, 4] {
                #expect(output.partitionByteRanges[partition].count == SortedSegmentFormat.headerByteCount)
                #expect(try ShuffleSamples.records(of: output, partition: partition, as: (String.self, Int.self)).isEmpty)
            }
            #expect(output.outputByteCount == output.partitionByteRanges.last!.upperBound)
        }
        var empty = MapOutputSorter<String, Int>(partitionCount: 2, bufferLimitBytes: 1024, spillDirectory: directory.path, combine: nil)
        let output = try empty.finish(outputPath: directory.file("empty.out"))
        #expect(output.partitionByteRanges == [0..<20, 20..<40])
        #expect(output.recordCounts == [0, 0])
        #expect(try ShuffleSamples.readFile(output.path) == [UInt8](repeating: 0, count: 40))
    }

    @Test func aFailedSpillDirectoryIsAnIOErrorNamingThePath() throws {
        var sorter = MapOutputSorter<String, Int>(partitionCount: 1, bufferLimitBytes: 16, spillDirectory: "/nonexistent-spill-directory",
                                                  combine: nil)
        do {
            for index in 0..<10 { try sorter.insert(partition: 0, key: "key", value: index) }
            Issue.record("expected a spill failure")
        } catch {
            #expect(error.fault == .io)
            #expect(error.location?.file?.hasPrefix("/nonexistent-spill-directory/") == true)
        }
    }

    @Test func aSingleSpillBecomesTheOutput() throws {
        let directory = try ShuffleTestDirectory()
        var sorter = MapOutputSorter<String, Int>(partitionCount: 2, bufferLimitBytes: 64, spillDirectory: directory.path, combine: nil)
        try sorter.insert(partition: 1, key: "key1", value: 1)
        try sorter.insert(partition: 1, key: "key0", value: 0)
        #expect(sorter.spillCount == 1 && sorter.estimatedMemoryBytes == 0)
        let output = try sorter.finish(outputPath: directory.file("map.out"))
        #expect(output.spillCount == 1 && output.recordCounts == [0, 2])
        #expect(output.outputByteCount == output.spilledByteCount)
        let records = try ShuffleSamples.records(of: output, partition: 1, as: (String.self, Int.self))
        #expect(records.map(\.0) == ["key0", "key1"] && records.map(\.1) == [0, 1])
        #expect(try directory.fileNames() == ["map.out"])
    }

    // Two records make exactly one spill (the output is then a rename), forty make several.
    @Test(arguments: [2, 40])
    func spillFilesAreRemovedWhenTheOutputCannotBeWritten(recordCount: Int) throws {
        let directory = try ShuffleTestDirectory()
        var sorter = MapOutputSorter<String, Int>(partitionCount: 2, bufferLimitBytes: 64, spillDirectory: directory.path, combine: nil)
        for index in 0..<recordCount { try sorter.insert(partition: index % 2, key: "key\(index)", value: index) }
        #expect(sorter.spillCount >= 1)
        #expect(try !directory.fileNames().isEmpty)
        let outputPath = directory.file("missing/map.out")
        #expect {
            _ = try sorter.finish(outputPath: outputPath)
        } throws: { error in
            (error as? SluiceError)?.fault == .io && (error as? SluiceError)?.location?.file == outputPath
        }
        #expect(try directory.fileNames().isEmpty)
    }

    @Test func removeSpillFilesCleansUpAnAbandonedTask() throws {
        let directory = try ShuffleTestDirectory()
        var sorter = MapOutputSorter<Int, Int>(partitionCount: 1, bufferLimitBytes: 100, spillDirectory: directory.path, combine: { $0 += $1 })
        for index in 0..<100 { try sorter.insert(partition: 0, key: index, value: index) }
        #expect(sorter.spillCount > 3 && sorter.spilledByteCount > 0)
        #expect(try directory.fileNames().count == sorter.spillCount)
        sorter.removeSpillFiles()
        #expect(try directory.fileNames().isEmpty)
    }
}
