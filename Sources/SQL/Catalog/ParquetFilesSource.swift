import Parquet
import SluiceCore

/// One Parquet file, or several with the same columns (a glob), as a table.
///
/// The footers are read when the source is made: they give the schema and the exact row
/// count. A scan's morsels are row groups, pruned by the filters against row group statistics.
///
/// Threading: immutable; any number of scans may run at once.
public final class ParquetFilesSource: TableSource {
    public let displayName: String
    public let schema: Schema
    public let statistics: TableStatistics
    /// The files, sorted by path.
    public let paths: [String]
    private let readers: [ParquetReader]
    private let distinctBounds: ColumnDistinctBounds

    /// Opens the files and checks they have the same columns.
    /// - Parameters:
    ///   - paths: absolute paths in `fileSystem`; at least one.
    ///   - displayName: how messages and `EXPLAIN` name the source ("'data/*.parquet'").
    /// - Throws: `SluiceError` (user input) when the files' columns differ; (data) naming the
    ///   file when one is not Parquet.
    public init(fileSystem: any FileSystem, paths: [String], displayName: String) throws {
        guard !paths.isEmpty else { throw SluiceError.userInput("\(displayName) names no file") }
        self.displayName = displayName
        self.paths = paths
        readers = try paths.map { try ParquetReader(fileSystem: fileSystem, path: $0) }
        var fields = readers[0].schema.fields
        for reader in readers.dropFirst() {
            let other = reader.schema.fields
            guard other.count == fields.count,
                  zip(fields, other).allSatisfy({ $0.name == $1.name && $0.type == $1.type }) else {
                throw SluiceError.userInput("\(reader.path) has columns (\(Schema(other))) unlike \(paths[0]) (\(Schema(fields))); files read together need the same columns")
            }
            // A column is nullable when it is in any file.
            for index in fields.indices where other[index].isNullable { fields[index].isNullable = true }
        }
        schema = Schema(fields)
        var sizeBytes = 0
        for path in paths { sizeBytes += (try? fileSystem.status(path).sizeBytes) ?? 0 }
        statistics = TableStatistics(rowCount: readers.reduce(0) { $0 + Int($1.rowCount) }, sizeBytes: sizeBytes)
        distinctBounds = ColumnDistinctBounds(schema: schema, files: readers.map { reader in
            let ranges = ParquetReader.columnValueRanges(of: reader.metadata, schema: reader.schema)
            return Dictionary(zip(reader.schema.fields.map(\.name), ranges), uniquingKeysWith: { first, _ in first })
        })
    }

    public func distinctValueCountMax(ofColumn name: String) -> Int? {
        distinctBounds.countMax(ofColumn: name)
    }

    /// A scan whose morsels are the row groups the filters' statistics do not rule out.
    /// - Throws: `SluiceError` (internal) for a column position outside the schema.
    public func scan(columns: [Int], filters: [PhysicalExpression], context: ExecutionContext) throws -> any BatchStream {
        let fields = try ScanColumns.fields(columns, of: schema, source: displayName)
        let pruning = ScanPruning(filters: filters, fields: fields)
        var files: [ScanFile] = []
        var morsels: [RowGroupMorsel] = []
        var rowGroupCountTotal = 0
        let allColumns = Array(columns.indices)
        for reader in readers {
            // The files have the same columns in the same order (checked in `init`).
            let file = ScanFile(reader: reader, columnSources: columns.map { .file(index: $0) })
            for rowGroup in 0..<reader.rowGroupCount {
                rowGroupCountTotal += 1
                guard reader.rowCount(ofRowGroup: rowGroup) > 0,
                      pruning.rowGroupMayMatch(reader, rowGroup, leafIndices: file.leafIndices) else { continue }
                morsels.append(RowGroupMorsel(fileIndex: files.count, rowGroup: rowGroup,
                                              bytes: file.bytes(ofRowGroup: rowGroup, outputColumns: allColumns)))
            }
            files.append(file)
        }
        return ParquetScanStream(
            name: "ParquetScan", details: ScanColumns.details(displayName, fields: fields, fileCount: readers.count),
            schema: Schema(fields), files: files, morsels: morsels, rowGroupCountTotal: rowGroupCountTotal,
            filters: filters, pieceRowCountMax: ScanColumns.pieceRowCountMax(context), progress: context.progress)
    }
}
