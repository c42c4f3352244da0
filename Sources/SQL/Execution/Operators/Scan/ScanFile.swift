import Parquet
import SluiceCore

/// One Parquet file a scan reads, and where each of the scan's output columns comes from in
/// it: a column of the file, or a constant (a partition value, or null for a column the file
/// does not have).
///
/// Threading: immutable; the reader decodes row groups on several threads at once.
struct ScanFile: Sendable {
    enum ColumnSource: Sendable {
        /// Column `index` of the file's schema.
        case file(index: Int)
        /// The same value in every row (`.null` for a column the file lacks).
        case constant(Value)
    }

    let reader: ParquetReader
    /// One per output column of the scan.
    let columnSources: [ColumnSource]
    /// The column chunk position of each top-level column name, for statistics lookups.
    let leafIndices: [String: Int]

    init(reader: ParquetReader, columnSources: [ColumnSource]) {
        self.reader = reader
        self.columnSources = columnSources
        var leafIndices: [String: Int] = [:]
        if let rowGroup = reader.metadata.rowGroups.first {
            for (leaf, chunk) in rowGroup.columns.enumerated() {
                if let path = chunk.metaData?.pathInSchema, path.count == 1 { leafIndices[path[0]] = leaf }
            }
        }
        self.leafIndices = leafIndices
    }

    /// The compressed bytes a scan reads from row group `rowGroup` for `outputColumns`.
    func bytes(ofRowGroup rowGroup: Int, outputColumns: [Int]) -> Int {
        let chunks = reader.metadata.rowGroups[rowGroup].columns
        var total = 0
        for column in outputColumns {
            guard case .file(let index) = columnSources[column],
                  let leaf = leafIndices[reader.schema.fields[index].name],
                  let metaData = chunks[leaf].metaData else { continue }
            total += Int(metaData.totalCompressedSize)
        }
        return total
    }

    /// Decodes `outputColumns` of one row group, converted to the types of `fields` (one per
    /// output column).
    /// - Throws: `SluiceError` (data) naming the file for corrupt pages or a column whose
    ///   values do not convert.
    func read(rowGroup: Int, outputColumns: [Int], fields: [Field]) throws -> [Column] {
        let rowCount = reader.rowCount(ofRowGroup: rowGroup)
        var fileColumns: [Int] = []
        for column in outputColumns {
            if case .file(let index) = columnSources[column], !fileColumns.contains(index) { fileColumns.append(index) }
        }
        let decoded = fileColumns.isEmpty ? nil : try reader.readRowGroup(rowGroup, columns: fileColumns)
        return try outputColumns.map { column in
            let field = fields[column]
            switch columnSources[column] {
            case .file(let index):
                let decodedColumn = decoded!.columns[fileColumns.firstIndex(of: index)!]
                if decodedColumn.type == field.type { return decodedColumn }
                do {
                    return try decodedColumn.converted(to: field.type, name: field.name)
                } catch let error as SluiceError {
                    throw error.located(SourceLocation(file: reader.path, field: field.name))
                }
            case .constant(let value):
                if value.isNull { return Column.nulls(type: field.type, count: rowCount) }
                return try Column.repeating(value, type: field.type, count: rowCount)
            }
        }
    }
}
