import Testing
@testable import Parquet
import SluiceCore

@Suite struct WriterValidationTests {
    @Test func decimalsWiderThanTheirPrecisionAreRefused() throws {
        for (precision, values) in [(9, ColumnValues.int64([1, 1_000_000_000])), (18, .int64([-1_000_000_000_000_000_000])),
                                    (20, .int128([Decimal128.powerOfTen(20)]))] {
            let type = DataType.decimal(precision: precision, scale: 2)
            let schema = Schema([Field("amount", type)])
            let batch = RecordBatch(schema: schema, columns: [Column(type: type, values: values)])
            let error = try #require(throws: SluiceError.self) { try ParquetTestFile.write([batch], schema: schema) }
            #expect(error.fault == .userInput)
            #expect(error.message.contains("'amount'"))
        }
    }

    @Test func millisecondTimestampsOutOfRangeAreADataError() throws {
        var element = SchemaElement(name: "t")
        element.type = .int64
        element.repetitionType = .required
        element.logicalType = .timestamp(isAdjustedToUTC: true, unit: .millis)
        let descriptor = try ParquetColumnDescriptor(reading: element, path: "/t.parquet")
        let reader = try ColumnChunkReader(descriptor: descriptor, metaData: ColumnMetaData(type: .int64, pathInSchema: ["t"]),
                                           filePath: "/t.parquet")
        var values = ColumnValueAccumulator(type: .timestamp, capacity: 1)
        let plain = withUnsafeBytes(of: Int64.max.littleEndian) { Array($0) }
        let error = try #require(throws: SluiceError.self) {
            try plain.withUnsafeBytes { try reader.decodePlainValues($0, count: 1, into: &values) }
        }
        #expect(error.fault == .data)
    }
}
