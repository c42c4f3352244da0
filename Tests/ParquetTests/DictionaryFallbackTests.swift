import Testing
@testable import Parquet
import SluiceCore

/// A column chunk whose dictionary outgrows `dictionaryPageSizeBytesMax` part way through must
/// keep its pages consistent: the page closed at the switch holds as many levels and values as
/// its header counts, and the rest of the chunk is PLAIN.
@Suite struct DictionaryFallbackTests {
    /// Repeating labels first, then distinct ones: the dictionary fills up in the second half.
    private static func labels(rowCount: Int) -> [Value] {
        (0..<rowCount).map { row in
            if row % 5 == 4 { return .null }
            return .string(row < rowCount / 2 ? "common-\(row % 10)" : "distinct-\(row)-\(row * 7919 % 10_007)")
        }
    }

    @Test(arguments: [1, 4096, 10_000])
    func dictionaryOverflowMidChunkFallsBackToPlain(batchRowCount: Int) throws {
        let rowCount = 10_000
        let schema = Schema([Field("label", .string), Field("id", .int64, nullable: false)])
        let labels = DictionaryFallbackTests.labels(rowCount: rowCount)
        let ids = (0..<rowCount).map { Value.int64(Int64($0 % 300)) }
        var options = ParquetWriterOptions(codec: .uncompressed)
        options.dictionaryPageSizeBytesMax = 2048
        options.pageSizeBytes = 1024

        let file = MemoryFile()
        let writer = try ParquetWriter(file: file, schema: schema, options: options)
        var start = 0
        while start < rowCount {
            let end = min(rowCount, start + batchRowCount)
            try writer.write(RecordBatch(schema: schema, columns: [
                try Column(type: .string, Array(labels[start..<end])),
                try Column(type: .int64, Array(ids[start..<end])),
            ]))
            start = end
        }
        let metadata = try writer.close()

        let encodings = try #require(metadata.rowGroups.first?.columns.first?.metaData?.encodings)
        #expect(encodings.contains(.rleDictionary) && encodings.contains(.plain))
        let reader = try ParquetReader(file: file, path: "memory.parquet")
        let batch = try reader.readRowGroup(0)
        #expect((0..<rowCount).map { batch.columns[0][$0] } == labels)
        #expect((0..<rowCount).map { batch.columns[1][$0] } == ids)
    }
}
