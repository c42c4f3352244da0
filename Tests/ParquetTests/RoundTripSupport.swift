@testable import Parquet
import SluiceCore

/// A writable file that keeps its bytes in memory and remembers how it ended.
final class MemoryWritableFile: WritableFile {
    private(set) var bytes: [UInt8] = []
    private(set) var isClosed = false
    private(set) var isAborted = false

    var position: Int { bytes.count }

    func write(_ buffer: UnsafeRawBufferPointer) throws {
        precondition(!isClosed && !isAborted, "write after the file ended")
        bytes.append(contentsOf: buffer)
    }

    func close() throws { isClosed = true }

    func abort() {
        isAborted = true
        bytes = []
    }
}

/// A readable file over bytes in memory, with the same range checks as a file on disk.
struct MemoryReadableFile: ReadableFile {
    let path: String
    let bytes: [UInt8]

    var sizeBytes: Int { bytes.count }

    func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= bytes.count - count else {
            throw SluiceError.data("read of \(count) bytes at offset \(offset) runs past the end (\(bytes.count) bytes)",
                                   at: SourceLocation(file: path, byteOffset: offset))
        }
        return Array(bytes[offset..<(offset + count)])
    }

    func close() throws {}
}

/// Writing and reading whole Parquet files in memory.
enum ParquetTestFile {
    /// The bytes of a file holding `batches`.
    static func write(_ batches: [RecordBatch], schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions()) throws -> [UInt8] {
        let file = MemoryWritableFile()
        let writer = try ParquetWriter(file: file, schema: schema, options: options)
        for batch in batches { try writer.write(batch) }
        try writer.close()
        return file.bytes
    }

    static func open(_ bytes: [UInt8], path: String = "/memory/test.parquet") throws -> ParquetReader {
        try ParquetReader(file: MemoryReadableFile(path: path, bytes: bytes), path: path)
    }

    /// Every row group of the file, decoded.
    static func readAll(_ reader: ParquetReader, columns: [Int]? = nil) throws -> [RecordBatch] {
        try (0..<reader.rowGroupCount).map { try reader.readRowGroup($0, columns: columns) }
    }

    /// Every row group of the file in one batch.
    static func readConcatenated(_ reader: ParquetReader, columns: [Int]? = nil) throws -> RecordBatch {
        let schema = Schema(columns.map { $0.map { reader.schema.fields[$0] } } ?? reader.schema.fields, metadata: reader.schema.metadata)
        return concatenate(try readAll(reader, columns: columns), schema: schema)
    }
}

/// Batches joined end to end, built through `ColumnBuilder` so that null slots hold the same
/// zero values a decoded column holds.
func concatenate(_ batches: [RecordBatch], schema: Schema) -> RecordBatch {
    let columns = schema.fields.indices.map { column -> Column in
        var builder = ColumnBuilder(type: schema.fields[column].type)
        for batch in batches {
            let source = batch.columns[column]
            for row in 0..<source.count {
                // Values of a column always fit its own type.
                try! builder.append(source[row])
            }
        }
        return builder.finish()
    }
    return RecordBatch(schema: schema, columns: columns)
}

/// Random columns of every Sluice type, edge values included.
struct RandomColumnFactory {
    var random: SeededRandomGenerator

    static let allTypes: [DataType] = [
        .boolean, .int32, .int64, .float64, .string, .binary, .date, .timestamp,
        .decimal(precision: 9, scale: 2), .decimal(precision: 18, scale: 4), .decimal(precision: 38, scale: 10),
    ]

    /// Short strings with multi-byte characters, combining marks and emoji, and the empty string.
    static let sampleStrings = [
        "", "a", "Zürich", "日本語", "🍕🎉", "e\u{301}", "é", "\u{0}", "line\nbreak", "tab\tand \"quotes\"",
        "Ω≈ç√", "שלום", "👩‍👩‍👧‍👦", " leading space", "trailing space ",
    ]

    init(seed: UInt64) { random = SeededRandomGenerator(seed: seed) }

    mutating func type() -> DataType {
        RandomColumnFactory.allTypes.randomElement(using: &random)!
    }

    /// A column of `rowCount` rows; `nullPercent` of them null (none when 0).
    /// - Parameter distinctMax: when set, values are drawn from this many distinct ones, so the
    ///   writer's dictionary pays off.
    mutating func column(_ type: DataType, rowCount: Int, nullPercent: Int, distinctMax: Int? = nil) -> Column {
        var builder = ColumnBuilder(type: type, capacity: rowCount)
        var pool: [Value] = []
        if let distinctMax {
            pool = (0..<max(distinctMax, 1)).map { _ in value(type) }
        }
        for _ in 0..<rowCount {
            if nullPercent > 0, random.chance(nullPercent, in: 100) {
                builder.appendNull()
            } else {
                // Generated values always fit their type.
                try! builder.append(pool.isEmpty ? value(type) : pool.randomElement(using: &random)!)
            }
        }
        return builder.finish()
    }

    /// One non-null value: a quarter of the time an edge value of the type.
    mutating func value(_ type: DataType) -> Value {
        let edge = random.chance(1, in: 4)
        switch type {
        case .boolean:
            return .boolean(Bool.random(using: &random))
        case .int32:
            return .int32(edge ? [Int32.min, Int32.max, 0, -1, 1].randomElement(using: &random)! : Int32.random(in: -1000...1000, using: &random))
        case .int64:
            return .int64(edge ? [Int64.min, Int64.max, 0, -1, Int64(Int32.max) + 1].randomElement(using: &random)! : Int64.random(in: Int64.min...Int64.max, using: &random))
        case .float64:
            let edges: [Double] = [0, -0.0, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                   .leastNonzeroMagnitude, .leastNormalMagnitude, 1e-300, 0.1]
            return .float64(edge ? edges.randomElement(using: &random)! : Double.random(in: -1e6...1e6, using: &random))
        case .string:
            return .string(string())
        case .binary:
            let count = edge ? 0 : Int.random(in: 0...24, using: &random)
            return .binary((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) })
        case .date:
            return .date(edge ? [Int32.min, Int32.max, 0, -719_162, 2_932_896].randomElement(using: &random)! : Int32.random(in: -50_000...50_000, using: &random))
        case .timestamp:
            return .timestamp(edge ? [Int64.min, Int64.max, 0, -1].randomElement(using: &random)! : Int64.random(in: -4_000_000_000_000_000...4_000_000_000_000_000, using: &random))
        case .decimal(let precision, let scale):
            return .decimal(decimalUnscaled(precision: precision, edge: edge), scale: scale)
        }
    }

    private mutating func string() -> String {
        if random.chance(1, in: 2) { return RandomColumnFactory.sampleStrings.randomElement(using: &random)! }
        let scalars: [Unicode.Scalar] = (0..<Int.random(in: 0...12, using: &random)).map { _ in
            switch Int.random(in: 0..<4, using: &random) {
            case 0: Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random))
            case 1: Unicode.Scalar(UInt32.random(in: 0xA0...0x7FF, using: &random))!
            case 2: Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FFF, using: &random))!
            default: Unicode.Scalar(UInt32.random(in: 0x1F300...0x1F64F, using: &random))!
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// An unscaled decimal of at most `precision` digits.
    private mutating func decimalUnscaled(precision: Int, edge: Bool) -> Int128 {
        let limit = Decimal128.powerOfTen(precision) - 1
        if edge { return [limit, -limit, 0, 1, -1].randomElement(using: &random)! }
        let wide = Int128(Int64.random(in: Int64.min...Int64.max, using: &random)) << 64
            | Int128(UInt64.random(in: 0...UInt64.max, using: &random))
        return wide % (limit + 1)
    }
}
