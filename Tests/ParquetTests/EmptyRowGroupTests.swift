import Testing
@testable import Parquet
import SluiceCore

/// pyarrow writes a table without rows as one row group of 0 rows whose column chunks have a
/// data page offset of 0, some with an empty dictionary page elsewhere. Such a file is valid
/// and reads as no rows; non-empty row groups keep their offset checks.
@Suite struct EmptyRowGroupTests {
    private static func file(rowCount: Int64) -> MemoryFile {
        var root = SchemaElement(name: "schema")
        root.numChildren = 2
        let elements = [root,
                        SchemaElement(type: .int32, repetitionType: .optional, name: "x"),
                        SchemaElement(type: .byteArray, repetitionType: .required, name: "s", convertedType: .utf8,
                                      logicalType: .string)]
        var withDictionary = ColumnMetaData(type: .byteArray, encodings: [.plain, .rle], pathInSchema: ["s"],
                                            codecRawValue: CompressionCodec.snappy.rawValue, totalCompressedSize: 15, dataPageOffset: 0)
        withDictionary.dictionaryPageOffset = 4
        let chunks = [
            ColumnChunk(metaData: ColumnMetaData(type: .int32, encodings: [.rle], pathInSchema: ["x"],
                                                 codecRawValue: CompressionCodec.snappy.rawValue, dataPageOffset: 0)),
            ColumnChunk(metaData: withDictionary),
        ]
        let footer = FileMetaData(schema: elements, numRows: rowCount,
                                  rowGroups: [RowGroup(columns: chunks, numRows: rowCount)]).encoded()
        let file = MemoryFile()
        file.bytes = ParquetFormat.magic + [UInt8](repeating: 0, count: 15) + footer
            + withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) } + ParquetFormat.magic
        return file
    }

    @Test func rowGroupWithoutRowsReadsAsAnEmptyBatch() throws {
        let reader = try ParquetReader(file: Self.file(rowCount: 0), path: "empty.parquet")
        #expect(reader.rowGroupCount == 1)
        #expect(reader.schema.fields.map(\.name) == ["x", "s"])
        var batches = try reader.batches()
        let batch = try #require(try batches.next())
        #expect(batch.rowCount == 0 && batch.columns.count == 2)
        #expect(try batches.next() == nil)
        #expect(try reader.readRowGroup(0, columns: [1]).schema.fields.map(\.name) == ["s"])
    }

    @Test func chunkOffsetsOfRowGroupsWithRowsAreStillChecked() {
        #expect(throws: SluiceError.self) { try ParquetReader(file: Self.file(rowCount: 3), path: "corrupt.parquet") }
    }
}
