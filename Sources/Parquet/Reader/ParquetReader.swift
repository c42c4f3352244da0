import SluiceCore

/// Reads a Parquet file a row group at a time, only the columns asked for, skipping row groups
/// whose statistics rule out a predicate. Flat schemas (top-level leaf columns) are supported;
/// a nested column is reported when asked for.
///
/// Thread-safety: the reader is immutable after `init`; `readRowGroup` may run on several
/// threads at once for different row groups.
public final class ParquetReader: Sendable {
    public let path: String
    public let metadata: FileMetaData
    /// The Sluice schema of the file's flat columns, in file order.
    public let schema: Schema
    private let file: any ReadableFile
    private let descriptors: [ParquetColumnDescriptor]
    /// For each flat column, its leaf index in the row groups' column chunk lists.
    private let leafIndices: [Int]
    /// Top-level nested columns, by name, which cannot be read.
    private let nestedColumnNames: [String]
    /// Leaves of the whole schema tree: the column chunk count of every row group.
    private let leafCount: Int

    /// Opens a file and decodes its footer.
    /// - Throws: `SluiceError` (data) naming the file and offset when the magic, footer length or
    ///   footer is wrong.
    public init(file: any ReadableFile, path: String) throws {
        self.file = file
        self.path = path
        let size = file.sizeBytes
        guard size >= ParquetFormat.magic.count + ParquetFormat.trailerSizeBytes else {
            throw SluiceError.data("not a Parquet file: only \(size) bytes", at: SourceLocation(file: path, byteOffset: 0))
        }
        let head = try file.read(offset: 0, count: 4)
        guard head == ParquetFormat.magic else {
            throw SluiceError.data("not a Parquet file: it does not start with PAR1", at: SourceLocation(file: path, byteOffset: 0))
        }
        let trailer = try file.read(offset: size - ParquetFormat.trailerSizeBytes, count: ParquetFormat.trailerSizeBytes)
        guard Array(trailer[4..<8]) == ParquetFormat.magic else {
            throw SluiceError.data("not a complete Parquet file: it does not end with PAR1 (truncated?)",
                                   at: SourceLocation(file: path, byteOffset: size - 4))
        }
        let footerSize = Int(trailer.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian })
        let footerOffset = size - ParquetFormat.trailerSizeBytes - footerSize
        guard footerOffset >= 4 else {
            throw SluiceError.data("corrupt footer: its length \(footerSize) exceeds the file", at: SourceLocation(file: path, byteOffset: size - 8))
        }
        let footer = try file.read(offset: footerOffset, count: footerSize)
        do {
            metadata = try footer.withUnsafeBytes { try FileMetaData(decoding: $0) }
        } catch let error as SluiceError {
            throw SluiceError.data("corrupt footer: \(error.message)", at: SourceLocation(file: path, byteOffset: footerOffset))
        }
        (descriptors, leafIndices, nestedColumnNames, leafCount) = try ParquetReader.flatColumns(of: metadata, path: path)
        var fileSchema = Schema(descriptors.map(\.field))
        for keyValue in metadata.keyValueMetadata ?? [] where keyValue.value != nil {
            fileSchema.metadata[keyValue.key] = keyValue.value
        }
        schema = fileSchema
        try validateRowGroups(fileSize: size, footerOffset: footerOffset)
    }

    /// Opens a file by location through a file system.
    public convenience init(fileSystem: any FileSystem, path: String) throws {
        try self.init(file: fileSystem.openForReading(path), path: path)
    }

    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// The position of flat column `column` among the leaves of the row groups.
    func leafIndex(of column: Int) -> Int { leafIndices[column] }

    func columnDescriptor(_ column: Int) -> ParquetColumnDescriptor { descriptors[column] }

    public var rowCount: Int64 { metadata.numRows }

    /// Row count of one row group.
    public func rowCount(ofRowGroup index: Int) -> Int { Int(metadata.rowGroups[index].numRows) }

    /// The indices of the named columns.
    /// - Throws: `SluiceError` (user input) for an unknown or nested column.
    public func columnIndices(_ names: [String]) throws -> [Int] {
        try names.map { name in
            if let index = schema.index(of: name) { return index }
            if nestedColumnNames.contains(name) {
                throw SluiceError.userInput("column '\(name)' of \(path) is nested; Sluice reads flat columns only")
            }
            throw SluiceError.userInput("\(path) has no column '\(name)'; columns are \(schema.fields.map(\.name).joined(separator: ", "))")
        }
    }

    /// Decodes one row group, only the given columns (all when nil).
    public func readRowGroup(_ index: Int, columns: [Int]? = nil) throws -> RecordBatch {
        precondition(index >= 0 && index < rowGroupCount, "row group \(index) does not exist")
        let rowGroup = metadata.rowGroups[index]
        let selected = columns ?? Array(schema.fields.indices)
        let rowCount = Int(rowGroup.numRows)
        let batchSchema = Schema(selected.map { schema.fields[$0] }, metadata: schema.metadata)
        // An empty row group has nothing to decode, and its chunks' offsets need not point anywhere.
        guard rowCount > 0 else { return RecordBatch(emptyOf: batchSchema) }
        var decoded: [Column] = []
        decoded.reserveCapacity(selected.count)
        for column in selected {
            let chunk = rowGroup.columns[leafIndices[column]]
            guard let metaData = chunk.metaData else {
                throw SluiceError.data("column chunk '\(descriptors[column].field.name)' of row group \(index) has no metadata",
                                       at: SourceLocation(file: path))
            }
            let (start, length) = ParquetReader.byteRange(of: metaData)
            let bytes = try file.read(offset: start, count: length)
            var reader = try ColumnChunkReader(descriptor: descriptors[column], metaData: metaData, filePath: path)
            decoded.append(try bytes.withUnsafeBytes { try reader.read($0, fileOffset: start, rowCount: rowCount) })
        }
        return RecordBatch(schema: batchSchema, columns: decoded)
    }

    /// Every row group that may hold rows matching all `predicates`, decoded in order.
    public func batches(columns: [String]? = nil, predicates: [ColumnPredicate] = []) throws -> ParquetBatchSequence {
        let indices = try columns.map { try columnIndices($0) }
        for predicate in predicates { _ = try columnIndices([predicate.column]) }
        let selected = (0..<rowGroupCount).filter { rowGroupMayMatch($0, predicates) }
        return ParquetBatchSequence(reader: self, rowGroups: selected, columns: indices)
    }

    /// The byte range of a column chunk: from its dictionary page (when it has one) over its
    /// compressed size.
    static func byteRange(of metaData: ColumnMetaData) -> (start: Int, length: Int) {
        var start = metaData.dataPageOffset
        if let dictionaryOffset = metaData.dictionaryPageOffset, dictionaryOffset > 0, dictionaryOffset < start {
            start = dictionaryOffset
        }
        return (Int(start), Int(metaData.totalCompressedSize))
    }

    private func validateRowGroups(fileSize: Int, footerOffset: Int) throws {
        for (groupIndex, rowGroup) in metadata.rowGroups.enumerated() {
            guard rowGroup.numRows >= 0, rowGroup.columns.count == leafCount else {
                throw SluiceError.data("corrupt footer: row group \(groupIndex) has \(rowGroup.columns.count) column chunks for \(leafCount) columns",
                                       at: SourceLocation(file: path, byteOffset: footerOffset))
            }
            // A row group without rows is never read; pyarrow writes its chunks with a data page
            // offset of 0 (and sometimes an empty dictionary page before it).
            guard rowGroup.numRows > 0 else { continue }
            for leaf in leafIndices {
                guard let metaData = rowGroup.columns[leaf].metaData else { continue }
                let (start, length) = ParquetReader.byteRange(of: metaData)
                guard start >= 4, length >= 0, start <= footerOffset - length else {
                    throw SluiceError.data("corrupt footer: column chunk '\(metaData.pathInSchema.joined(separator: "."))' of row group \(groupIndex) lies outside the data (offset \(start), \(length) bytes)",
                                           at: SourceLocation(file: path, byteOffset: footerOffset))
                }
            }
        }
    }

    /// Walks the flattened schema tree: top-level leaves become columns; leaves under groups
    /// are counted so chunk indices stay aligned.
    private static func flatColumns(of metadata: FileMetaData, path: String) throws
        -> ([ParquetColumnDescriptor], [Int], [String], Int) {
        let elements = metadata.schema
        guard let root = elements.first else {
            throw SluiceError.data("corrupt footer: empty schema", at: SourceLocation(file: path))
        }
        var descriptors: [ParquetColumnDescriptor] = []
        var leafIndices: [Int] = []
        var nested: [String] = []
        var position = 1
        var leafCount = 0
        // Counts the leaves of the subtree at `position` and moves past it.
        func skipSubtree(depth: Int) throws -> Int {
            guard depth < 100, position < elements.count else {
                throw SluiceError.data("corrupt footer: schema tree is malformed", at: SourceLocation(file: path))
            }
            let element = elements[position]
            position += 1
            guard let children = element.numChildren, children > 0 else { return 1 }
            var leaves = 0
            for _ in 0..<children { leaves += try skipSubtree(depth: depth + 1) }
            return leaves
        }
        for _ in 0..<Int(max(0, root.numChildren ?? 0)) {
            guard position < elements.count else {
                throw SluiceError.data("corrupt footer: schema has fewer elements than declared", at: SourceLocation(file: path))
            }
            let element = elements[position]
            if let children = element.numChildren, children > 0 {
                nested.append(element.name)
                leafCount += try skipSubtree(depth: 0)
            } else if element.repetitionType == .repeated {
                nested.append(element.name)
                position += 1
                leafCount += 1
            } else {
                descriptors.append(try ParquetColumnDescriptor(reading: element, path: path))
                leafIndices.append(leafCount)
                position += 1
                leafCount += 1
            }
        }
        return (descriptors, leafIndices, nested, leafCount)
    }
}

/// The row groups of a file that survive pruning, decoded one at a time.
public struct ParquetBatchSequence {
    let reader: ParquetReader
    /// Row groups that will be read, after pruning.
    public let selectedRowGroups: [Int]
    let columns: [Int]?
    private var position = 0

    init(reader: ParquetReader, rowGroups: [Int], columns: [Int]?) {
        self.reader = reader
        self.selectedRowGroups = rowGroups
        self.columns = columns
    }

    /// The next row group's batch, or nil after the last.
    /// - Throws: `SluiceError` (data) on corrupt pages.
    public mutating func next() throws -> RecordBatch? {
        guard position < selectedRowGroups.count else { return nil }
        defer { position += 1 }
        return try reader.readRowGroup(selectedRowGroups[position], columns: columns)
    }
}
