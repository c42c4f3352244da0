import SluiceCore

/// Reads a Parquet file with nested columns (structs, lists, maps) as rows of `NestedValue`s,
/// assembling them from the leaf columns (Dremel record assembly). Meant for small files of
/// many shapes, such as table checkpoints written by delta-rs or Spark: every row of the file
/// is decoded at once.
///
/// The schema is rebuilt from the footer. Lists and maps may be in the standard forms or the
/// legacy ones older writers emit (two-level lists, MAP_KEY_VALUE groups, repeated fields
/// without annotation, which read as lists of required elements that are never null).
///
/// Thread-safety: immutable after `init`; `readRows` may run on several threads at once.
public final class NestedParquetReader: Sendable {
    public let path: String
    public let metadata: FileMetaData
    public let schema: NestedSchema
    private let file: any ReadableFile
    private let layout: NestedSchemaLayout

    /// Opens a file and decodes its footer and schema.
    /// - Throws: `SluiceError` (data) naming the file when the footer is corrupt or the schema
    ///   holds a leaf Sluice cannot represent or a group of no known form.
    public init(file: any ReadableFile, path: String) throws {
        // The flat reader checks the magic, footer and row groups; its flat view is not used.
        let footer = try ParquetReader(file: file, path: path)
        self.file = file
        self.path = path
        metadata = footer.metadata
        layout = try NestedSchemaLayout(elements: metadata.schema, filePath: path)
        schema = layout.schema
    }

    /// Opens a file by location through a file system.
    public convenience init(fileSystem: any FileSystem, path: String) throws {
        try self.init(file: fileSystem.openForReading(path), path: path)
    }

    public var rowCount: Int64 { metadata.numRows }

    /// Every row of every row group, in file order.
    /// - Parameter columns: top-level fields to read, in the order wanted (all when nil); only
    ///   their leaf columns are decoded.
    /// - Throws: `SluiceError` (user input) for an unknown field name, (data) for corrupt pages
    ///   or levels, (I/O) when reading fails.
    public func readRows(columns: [String]? = nil) throws -> [[NestedValue]] {
        let selected = try columns.map { names in
            try names.map { name in
                guard let index = schema.index(of: name) else {
                    throw SluiceError.userInput("\(path) has no column '\(name)'; columns are \(schema.fields.map(\.name).joined(separator: ", "))")
                }
                return index
            }
        } ?? Array(schema.fields.indices)
        var rows: [[NestedValue]] = []
        for groupIndex in metadata.rowGroups.indices {
            let rowCount = Int(metadata.rowGroups[groupIndex].numRows)
            // An empty row group has nothing to decode, and its chunks' offsets need not point anywhere.
            guard rowCount > 0 else { continue }
            var buffers = [NestedLeafBuffer](repeating: NestedLeafBuffer(), count: layout.leaves.count)
            for root in selected {
                for leaf in layout.roots[root].leafRange where buffers[leaf].entryCount == 0 {
                    buffers[leaf] = try readChunk(leaf: leaf, rowGroup: groupIndex, rowCount: rowCount)
                }
            }
            var assembler = RecordAssembler(leaves: layout.leaves, buffers: buffers, filePath: path)
            let columnValues = try selected.map { try assembler.assemble(layout.roots[$0], rowCount: rowCount) }
            for row in 0..<rowCount {
                rows.append(columnValues.map { $0[row] })
            }
        }
        return rows
    }

    private func readChunk(leaf leafIndex: Int, rowGroup groupIndex: Int, rowCount: Int) throws -> NestedLeafBuffer {
        let leaf = layout.leaves[leafIndex]
        let location = SourceLocation(file: path, field: leaf.dottedPath)
        guard let metaData = metadata.rowGroups[groupIndex].columns[leafIndex].metaData else {
            throw SluiceError.data("column chunk of row group \(groupIndex) has no metadata", at: location)
        }
        // Every row has at least one entry in every leaf.
        guard metaData.numValues >= Int64(rowCount) else {
            throw SluiceError.data("corrupt footer: column chunk of row group \(groupIndex) holds \(metaData.numValues) values for \(rowCount) rows",
                                   at: location)
        }
        let (start, length) = ParquetReader.byteRange(of: metaData)
        let dataEnd = file.sizeBytes - ParquetFormat.trailerSizeBytes
        guard start >= ParquetFormat.magic.count, length >= 0, start <= dataEnd - length else {
            throw SluiceError.data("corrupt footer: column chunk of row group \(groupIndex) lies outside the data (offset \(start), \(length) bytes)",
                                   at: location)
        }
        let bytes = try file.read(offset: start, count: length)
        var reader = try NestedColumnChunkReader(leaf: leaf, metaData: metaData, filePath: path)
        return try bytes.withUnsafeBytes { try reader.read($0, fileOffset: start, entryCount: Int(metaData.numValues)) }
    }
}
