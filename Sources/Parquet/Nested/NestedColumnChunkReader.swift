import SluiceCore

/// Decodes one leaf's column chunk into its repetition levels, definition levels and dense
/// values: data pages v1 and v2, levels RLE/bit-packed (or the deprecated BIT_PACKED in v1),
/// values in any encoding the flat reader decodes, dictionary pages included. The value
/// decoding is the flat reader's (`ColumnChunkReader`), page by page.
///
/// Every count and length taken from the file is checked before use, and every level against
/// its maximum: corrupt input throws `SluiceError` (data) naming the file, column and offset.
struct NestedColumnChunkReader {
    let leaf: NestedLeaf
    let filePath: String
    private var valueDecoder: ColumnChunkReader
    private let isCompressed: Bool

    /// - Throws: `SluiceError` (data) for an unknown or unsupported codec, or a chunk whose
    ///   physical type differs from the schema's.
    init(leaf: NestedLeaf, metaData: ColumnMetaData, filePath: String) throws {
        self.leaf = leaf
        self.filePath = filePath
        guard metaData.type == leaf.descriptor.physicalType else {
            throw SluiceError.data("column chunk is \(metaData.type) but the schema says \(leaf.descriptor.physicalType)",
                                   at: SourceLocation(file: filePath, field: leaf.dottedPath))
        }
        valueDecoder = try ColumnChunkReader(descriptor: leaf.descriptor, metaData: metaData, filePath: filePath)
        isCompressed = metaData.codecRawValue != CompressionCodec.uncompressed.rawValue
    }

    /// Decodes a chunk whose bytes start at `fileOffset` in the file.
    /// - Parameter entryCount: the chunk's level entries (`ColumnMetaData.numValues`); the pages
    ///   must hold exactly that many.
    mutating func read(_ chunk: UnsafeRawBufferPointer, fileOffset: Int, entryCount: Int) throws -> NestedLeafBuffer {
        // A count from a corrupt footer must fail on the pages, not exhaust memory first.
        let reservedCount = min(entryCount, chunk.count * 8)
        var buffer = NestedLeafBuffer()
        buffer.repetitionLevels.reserveCapacity(reservedCount)
        buffer.definitionLevels.reserveCapacity(reservedCount)
        var values = ColumnValueAccumulator(type: leaf.descriptor.field.type, capacity: reservedCount)
        var offset = 0
        while buffer.entryCount < entryCount {
            guard offset < chunk.count else {
                throw corrupt("column chunk ends after \(buffer.entryCount) of \(entryCount) values", at: fileOffset + offset)
            }
            let pageStart = offset
            do {
                let (header, headerSize) = try PageHeader.decode(from: UnsafeRawBufferPointer(rebasing: chunk[offset...]))
                offset += headerSize
                let storedSize = Int(header.compressedPageSize)
                guard storedSize >= 0, header.uncompressedPageSize >= 0, storedSize <= chunk.count - offset else {
                    throw corrupt("page size \(storedSize) runs past the column chunk", at: fileOffset + pageStart)
                }
                let body = UnsafeRawBufferPointer(rebasing: chunk[offset..<(offset + storedSize)])
                offset += storedSize
                let entriesLeft = entryCount - buffer.entryCount
                switch header.type {
                case .dictionaryPage:
                    try valueDecoder.readDictionaryPage(header, body)
                case .dataPage:
                    try readDataPageV1(header, body, entriesLeft: entriesLeft, into: &buffer, &values)
                case .dataPageV2:
                    try readDataPageV2(header, body, entriesLeft: entriesLeft, into: &buffer, &values)
                default:
                    continue  // Index pages and unknown page types carry no values.
                }
            } catch let error as SluiceError {
                throw error.located(SourceLocation(file: filePath, byteOffset: fileOffset + pageStart, field: leaf.dottedPath))
            }
        }
        let maxLevel = UInt32(leaf.maxDefinitionLevel)
        let definedCount = buffer.definitionLevels.reduce(0) { $0 + ($1 == maxLevel ? 1 : 0) }
        guard values.count == definedCount else {
            throw corrupt("pages hold \(values.count) values for \(definedCount) defined entries", at: fileOffset)
        }
        let column = values.finish(validity: nil)
        buffer.values = (0..<column.count).map { column[$0] }
        return buffer
    }

    private func corrupt(_ message: String, at fileOffset: Int) -> SluiceError {
        SluiceError.data("corrupt page: \(message)", at: SourceLocation(file: filePath, byteOffset: fileOffset, field: leaf.dottedPath))
    }

    private mutating func readDataPageV1(_ header: PageHeader, _ body: UnsafeRawBufferPointer, entriesLeft: Int,
                                         into buffer: inout NestedLeafBuffer, _ values: inout ColumnValueAccumulator) throws {
        guard let pageHeader = header.dataPageHeader else { throw SluiceError.data("corrupt page: data page without its header") }
        let count = Int(pageHeader.numValues)
        guard count >= 0, count <= entriesLeft else {
            throw SluiceError.data("corrupt page: \(count) values where \(entriesLeft) remain in the column chunk")
        }
        let bytes = try valueDecoder.decompress(body, uncompressedSize: Int(header.uncompressedPageSize))
        try bytes.withUnsafeBytes { page in
            var position = 0
            position += try appendLevels(UnsafeRawBufferPointer(rebasing: page[position...]), encoding: pageHeader.repetitionLevelEncoding,
                                         count: count, maxLevel: leaf.maxRepetitionLevel, hasLengthPrefix: true,
                                         to: &buffer.repetitionLevels, name: "repetition")
            position += try appendLevels(UnsafeRawBufferPointer(rebasing: page[position...]), encoding: pageHeader.definitionLevelEncoding,
                                         count: count, maxLevel: leaf.maxDefinitionLevel, hasLengthPrefix: true,
                                         to: &buffer.definitionLevels, name: "definition")
            try appendValues(UnsafeRawBufferPointer(rebasing: page[position...]), encoding: pageHeader.encoding,
                             levels: buffer.definitionLevels.suffix(count), into: &values)
        }
    }

    private mutating func readDataPageV2(_ header: PageHeader, _ body: UnsafeRawBufferPointer, entriesLeft: Int,
                                         into buffer: inout NestedLeafBuffer, _ values: inout ColumnValueAccumulator) throws {
        guard let pageHeader = header.dataPageHeaderV2 else { throw SluiceError.data("corrupt page: data page v2 without its header") }
        let count = Int(pageHeader.numValues)
        let repetitionSize = Int(pageHeader.repetitionLevelsByteLength)
        let definitionSize = Int(pageHeader.definitionLevelsByteLength)
        guard count >= 0, count <= entriesLeft, repetitionSize >= 0, definitionSize >= 0,
              repetitionSize <= body.count - definitionSize,
              repetitionSize + definitionSize <= Int(header.uncompressedPageSize) else {
            throw SluiceError.data("corrupt page: v2 header sizes do not fit the page")
        }
        let levelsEnd = repetitionSize + definitionSize
        _ = try appendLevels(UnsafeRawBufferPointer(rebasing: body[0..<repetitionSize]), encoding: .rle, count: count,
                             maxLevel: leaf.maxRepetitionLevel, hasLengthPrefix: false, to: &buffer.repetitionLevels, name: "repetition")
        _ = try appendLevels(UnsafeRawBufferPointer(rebasing: body[repetitionSize..<levelsEnd]), encoding: .rle, count: count,
                             maxLevel: leaf.maxDefinitionLevel, hasLengthPrefix: false, to: &buffer.definitionLevels, name: "definition")
        let storedValues = UnsafeRawBufferPointer(rebasing: body[levelsEnd...])
        let valueBytes = pageHeader.isCompressed && isCompressed
            ? try valueDecoder.decompress(storedValues, uncompressedSize: Int(header.uncompressedPageSize) - levelsEnd)
            : Array(storedValues)
        try valueBytes.withUnsafeBytes {
            try appendValues($0, encoding: pageHeader.encoding, levels: buffer.definitionLevels.suffix(count), into: &values)
        }
    }

    /// Decodes the values of the page entries whose definition level reaches the leaf.
    private mutating func appendValues(_ bytes: UnsafeRawBufferPointer, encoding: Encoding, levels: ArraySlice<UInt32>,
                                       into values: inout ColumnValueAccumulator) throws {
        let maxLevel = UInt32(leaf.maxDefinitionLevel)
        let definedCount = levels.reduce(0) { $0 + ($1 == maxLevel ? 1 : 0) }
        let before = values.count
        try valueDecoder.decodeValues(bytes, encoding: encoding, count: definedCount, into: &values)
        guard values.count - before == definedCount else {
            throw SluiceError.data("corrupt page: \(values.count - before) values decoded for \(definedCount) defined entries")
        }
    }

    /// Decodes `count` levels of one kind, appending them, or `count` zeros when the maximum
    /// level is 0 (the page then has no such section).
    /// - Returns: the bytes the section takes in the page.
    private func appendLevels(_ bytes: UnsafeRawBufferPointer, encoding: Encoding, count: Int, maxLevel: Int,
                              hasLengthPrefix: Bool, to levels: inout [UInt32], name: String) throws -> Int {
        guard maxLevel > 0 else {
            levels.append(contentsOf: repeatElement(0, count: count))
            return 0
        }
        let bitWidth = BitPacking.bitWidth(forMaxValue: UInt64(maxLevel))
        let start = levels.count
        levels.append(contentsOf: repeatElement(0, count: count))
        let sectionSize: Int = try levels.withUnsafeMutableBufferPointer { output in
            let target = output.baseAddress! + start
            switch encoding {
            case .rle:
                var runs = bytes
                var sectionSize = bytes.count
                if hasLengthPrefix {
                    (runs, sectionSize) = try RLEHybridDecoder.lengthPrefixedRuns(bytes)
                }
                var decoder = RLEHybridDecoder(runs, bitWidth: bitWidth)
                if count > 0 { try decoder.decode(count: count, into: target) }
                return sectionSize
            case .bitPacked where hasLengthPrefix:
                return count > 0 ? try BitPackedLegacyDecoder.decode(bytes, bitWidth: bitWidth, count: count, into: target) : 0
            default:
                throw SluiceError.data("unsupported \(name) level encoding \(encoding.rawValue)")
            }
        }
        if let above = levels[start...].first(where: { $0 > UInt32(maxLevel) }) {
            throw SluiceError.data("corrupt page: \(name) level \(above) above the maximum \(maxLevel)")
        }
        return sectionSize
    }
}
