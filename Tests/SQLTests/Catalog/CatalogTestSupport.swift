import Foundation
import Parquet
import SluiceCore
import Testing
@testable import SQL

/// Scratch folders and sample files for the catalog and scan tests.
enum CatalogFixture {
    /// A new empty folder; the caller deletes it.
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "sluice-catalog-\(UUID().uuidString)"
        try LocalFileSystem().makeDirectories(path)
        return path
    }

    static func remove(_ folder: String) {
        try? LocalFileSystem().delete(folder, recursive: true)
    }

    /// Columns: id INT64 (ascending from `firstID`), category STRING (cycle of five),
    /// price DECIMAL(15,2) (id * 1.25), score INT32 (null on every seventh row, else id % 100),
    /// day DATE (1995-01-01 plus id % 365).
    static let schema = Schema([
        Field("id", .int64, nullable: false), Field("category", .string), Field("price", .decimal(precision: 15, scale: 2)),
        Field("score", .int32), Field("day", .date),
    ])

    static let categories = ["alpha", "beta", "gamma", "delta", "epsilon"]

    static func rows(count: Int, firstID: Int = 0) throws -> RecordBatch {
        let baseDay = CivilTime.parseDate("1995-01-01")!
        var ids: [Value] = [], names: [Value] = [], prices: [Value] = [], scores: [Value] = [], days: [Value] = []
        for id in firstID..<(firstID + count) {
            ids.append(.int64(Int64(id)))
            names.append(.string(categories[id % categories.count]))
            prices.append(.decimal(Int128(id) * 125, scale: 2))
            scores.append(id % 7 == 0 ? .null : .int32(Int32(id % 100)))
            days.append(.date(baseDay + Int32(id % 365)))
        }
        let types = schema.fields.map(\.type)
        return RecordBatch(schema: schema, columns: try zip(types, [ids, names, prices, scores, days]).map { try Column(type: $0, $1) })
    }

    /// Writes `rows` to a Parquet file with row groups of `rowGroupRowCount` rows.
    static func writeParquet(_ rows: RecordBatch, to path: String, rowGroupRowCount: Int) throws {
        var options = ParquetWriterOptions()
        options.rowGroupRowCountMax = rowGroupRowCount
        let writer = try ParquetWriter(file: LocalFileSystem().create(path, overwrite: true), schema: rows.schema, options: options)
        try writer.write(rows)
        _ = try writer.close()
    }

    /// Every batch of a stream, pulled on one thread, as one batch.
    static func drain(_ stream: any BatchStream) throws -> RecordBatch {
        var batches: [RecordBatch] = []
        while let batch = try stream.next() { batches.append(batch) }
        return RecordBatch.concatenate(batches, schema: stream.schema)
    }

    /// Every batch of a stream, pulled by `threadCount` threads, as one batch sorted by `key`.
    static func drainParallel(_ stream: any BatchStream, threadCount: Int, sortedBy key: String) throws -> RecordBatch {
        let states = try StreamDrain.drain(stream, threadCount: threadCount, makeState: { [RecordBatch]() },
                                           consume: { $0.append($1) })
        return try RecordBatch.concatenate(states.flatMap { $0 }, schema: stream.schema).sorted(by: [key])
    }

    static func column(_ schema: Schema, _ name: String) -> PhysicalExpression {
        let index = schema.index(of: name)!
        return .column(index: index, type: schema.fields[index].type, name: name)
    }

    /// A scan's stream as the Parquet stream, to look at its pruning.
    static func parquetStream(_ stream: any BatchStream) -> ParquetScanStream {
        stream as! ParquetScanStream
    }
}
