import Foundation
import Testing
import SluiceCore
@testable import Dataflow

@Suite struct SortedSegmentSourceTests {
    /// A one-partition map output of `count` records with long string values.
    func writeOutput(in directory: ShuffleTestDirectory, count: Int = 300, valueLength: Int = 40) throws -> SortedMapOutput {
        var sorter = MapOutputSorter<Int, String>(partitionCount: 2, bufferLimitBytes: 1 << 20, spillDirectory: directory.path, combine: nil)
        for index in 0..<count {
            try sorter.insert(partition: index % 2, key: index, value: String(repeating: "v", count: valueLength) + "\(index)")
        }
        return try sorter.finish(outputPath: directory.file("map.out"))
    }

    func readAll(_ source: SortedSegmentSource) throws(SluiceError) -> [(Int, String)] {
        var records: [(Int, String)] = []
        while let record = try source.nextRecord(Int.self, String.self) { records.append(record) }
        return records
    }

    @Test(arguments: [1, 7, 100, 1 << 20])
    func recordsLargerThanTheChunkAreReadWhole(chunkByteCount: Int) throws {
        let directory = try ShuffleTestDirectory()
        let output = try writeOutput(in: directory, count: 50, valueLength: 300)
        let source = try SortedSegmentSource(path: output.path, byteRange: output.partitionByteRanges[1], chunkByteCount: chunkByteCount)
        #expect(source.recordCount == 25)
        let records = try readAll(source)
        #expect(records.map(\.0) == Array(stride(from: 1, to: 50, by: 2)))
        #expect(records.allSatisfy { $0.1 == String(repeating: "v", count: 300) + "\($0.0)" })
        // Reading past the end keeps returning nil.
        #expect(try source.nextRecord(Int.self, String.self) == nil)
    }

    @Test(arguments: [0, 9, 150])
    func aFlippedByteIsAChecksumMismatchNamingTheFile(payloadByteOffset: Int) throws {
        let directory = try ShuffleTestDirectory()
        let output = try writeOutput(in: directory)
        let range = output.partitionByteRanges[1]
        var bytes = try ShuffleSamples.readFile(output.path)
        // Offset 0 is the first key's length byte, 9 is inside the first value, 150 further on.
        bytes[range.lowerBound + SortedSegmentFormat.headerByteCount + payloadByteOffset] ^= 0x40
        try ShuffleSamples.writeFile(output.path, bytes)
        let source = try SortedSegmentSource(path: output.path, byteRange: range, chunkByteCount: 64)
        #expect {
            _ = try readAll(source)
        } throws: { error in
            guard let error = error as? SluiceError else { return false }
            return error.fault == .data && error.message.contains("checksum mismatch")
                && error.location == SourceLocation(file: output.path, byteOffset: range.lowerBound)
        }
        // The other partition is intact.
        let other = try SortedSegmentSource(path: output.path, byteRange: output.partitionByteRanges[0])
        #expect(try readAll(other).count == 150)
        // In memory, the mismatch is found before any record is read.
        #expect {
            _ = try SortedSegmentSource(bytes: Array(bytes[range]), name: "map 1")
        } throws: { error in
            (error as? SluiceError)?.location == SourceLocation(file: "map 1", byteOffset: 0)
        }
    }

    @Test func aTruncatedFileIsReportedWithItsPathAndOffset() throws {
        let directory = try ShuffleTestDirectory()
        let output = try writeOutput(in: directory)
        let bytes = try ShuffleSamples.readFile(output.path)
        let cut = bytes.count - 100
        try ShuffleSamples.writeFile(output.path, Array(bytes[..<cut]))
        let source = try SortedSegmentSource(path: output.path, byteRange: output.partitionByteRanges[1], chunkByteCount: 256)
        #expect {
            _ = try readAll(source)
        } throws: { error in
            guard let error = error as? SluiceError else { return false }
            return error.fault == .data && error.message.contains("truncated") && error.location?.file == output.path
                && error.location?.byteOffset == cut
        }
        // A header cut off, and a byte range that disagrees with the header.
        try ShuffleSamples.writeFile(output.path, Array(bytes[..<10]))
        #expect(throws: SluiceError.self) { try SortedSegmentSource(path: output.path, byteRange: output.partitionByteRanges[0]) }
        try ShuffleSamples.writeFile(output.path, bytes)
        let range = output.partitionByteRanges[0]
        #expect(throws: SluiceError.self) { try SortedSegmentSource(path: output.path, byteRange: range.lowerBound..<(range.upperBound - 1)) }
        #expect(throws: SluiceError.self) { try SortedSegmentSource(bytes: Array(bytes[range].dropLast())) }
    }

    @Test func aMissingFileIsAnIOErrorNamingIt() throws {
        #expect {
            _ = try SortedSegmentSource(path: "/nonexistent/map.out", byteRange: 0..<20)
        } throws: { error in
            (error as? SluiceError)?.fault == .io && (error as? SluiceError)?.location?.file == "/nonexistent/map.out"
        }
    }
}
