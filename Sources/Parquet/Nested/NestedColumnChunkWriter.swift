import SluiceCore

/// Encodes one leaf's shredded entries as the pages of one column chunk: data pages v1 with the
/// repetition levels, then the definition levels (each a length-prefixed RLE/bit-packed hybrid
/// at the bit width of its maximum, left out when that maximum is 0), then the values PLAIN,
/// the whole body compressed with the file's codec. Pages end at record boundaries, once their
/// values reach the page size.
///
/// Not thread-safe; used by one `NestedParquetWriter`.
struct NestedColumnChunkWriter {
    /// The bytes and footer entry of one column chunk; the caller sets the data page offset.
    struct FinishedChunk {
        var bytes: [UInt8]
        var metaData: ColumnMetaData
    }

    let leaf: NestedLeaf
    private let options: ParquetWriterOptions
    private var codec: PageCodec?

    init(leaf: NestedLeaf, options: ParquetWriterOptions) throws {
        self.leaf = leaf
        self.options = options
        self.codec = options.codec == .uncompressed ? nil : try PageCodec(options.codec)
    }

    private var physicalType: PhysicalType { leaf.descriptor.physicalType }

    /// Encodes every entry of `buffer` (at least one) into a column chunk.
    /// - Throws: `SluiceError` (user input) when a page exceeds what a page header can describe.
    mutating func write(_ buffer: NestedLeafBuffer) throws -> FinishedChunk {
        var bytes: [UInt8] = []
        var uncompressedSizeBytes: Int64 = 0
        var statistics = ColumnStatisticsAccumulator()
        var pageCount: Int32 = 0
        var pageEntryStart = 0
        var pageValueStart = 0
        var valueIndex = 0
        var pageSizeBytes = 0
        var entry = 0
        let entryCount = buffer.entryCount
        let maxDefinitionLevel = UInt32(leaf.maxDefinitionLevel)
        while entry < entryCount {
            // One record: this entry and the following ones that repeat inside it.
            repeat {
                if buffer.definitionLevels[entry] == maxDefinitionLevel {
                    pageSizeBytes += NestedLeafBuffer.plainSizeBytes(buffer.values[valueIndex])
                    valueIndex += 1
                }
                pageSizeBytes += 1
                entry += 1
            } while entry < entryCount && buffer.repetitionLevels[entry] != 0
            if pageSizeBytes >= options.pageSizeBytes || entry == entryCount {
                let entries = pageEntryStart..<entry
                let values = pageValueStart..<valueIndex
                statistics.addNulls(entries.count - values.count)
                try appendPage(buffer, entries: entries, values: values, statistics: &statistics,
                               to: &bytes, uncompressedSizeBytes: &uncompressedSizeBytes)
                pageCount += 1
                pageEntryStart = entry
                pageValueStart = valueIndex
                pageSizeBytes = 0
            }
        }
        var metaData = ColumnMetaData(type: physicalType, encodings: [.plain, .rle], pathInSchema: leaf.path,
                                      codecRawValue: options.codec.rawValue, numValues: Int64(entryCount),
                                      totalUncompressedSize: uncompressedSizeBytes, totalCompressedSize: Int64(bytes.count))
        metaData.statistics = statistics.statistics(for: leaf.descriptor)
        metaData.encodingStats = [PageEncodingStats(pageType: .dataPage, encoding: .plain, count: pageCount)]
        return FinishedChunk(bytes: bytes, metaData: metaData)
    }

    private mutating func appendPage(_ buffer: NestedLeafBuffer, entries: Range<Int>, values: Range<Int>,
                                     statistics: inout ColumnStatisticsAccumulator,
                                     to output: inout [UInt8], uncompressedSizeBytes: inout Int64) throws {
        var body: [UInt8] = []
        if leaf.maxRepetitionLevel > 0 {
            NestedColumnChunkWriter.appendLevels(buffer.repetitionLevels[entries], maxLevel: leaf.maxRepetitionLevel, to: &body)
        }
        if leaf.maxDefinitionLevel > 0 {
            NestedColumnChunkWriter.appendLevels(buffer.definitionLevels[entries], maxLevel: leaf.maxDefinitionLevel, to: &body)
        }
        try appendPlainValues(buffer.values[values], statistics: &statistics, to: &body)
        guard body.count <= Int(Int32.max), entries.count <= Int(Int32.max) else {
            throw SluiceError.userInput("a page of column '\(leaf.dottedPath)' exceeds 2 GiB; lower the page size")
        }
        var header = PageHeader(type: .dataPage, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(body.count))
        header.dataPageHeader = DataPageHeader(numValues: Int32(entries.count), encoding: .plain,
                                               definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        var stored = body
        if var codec {
            stored = []
            try body.withUnsafeBytes { try codec.compress($0, appendingTo: &stored) }
            self.codec = codec
            header.compressedPageSize = Int32(stored.count)
        }
        let headerBytes = header.encoded()
        output.append(contentsOf: headerBytes)
        output.append(contentsOf: stored)
        uncompressedSizeBytes += Int64(headerBytes.count + body.count)
    }

    /// A V1 level section: 4-byte little-endian length, then the RLE/bit-packed runs.
    private static func appendLevels(_ levels: ArraySlice<UInt32>, maxLevel: Int, to body: inout [UInt8]) {
        var runs: [UInt8] = []
        levels.withUnsafeBufferPointer {
            RLEHybridEncoder.encode($0, bitWidth: BitPacking.bitWidth(forMaxValue: UInt64(maxLevel)), appendingTo: &runs)
        }
        withUnsafeBytes(of: UInt32(runs.count).littleEndian) { body.append(contentsOf: $0) }
        body.append(contentsOf: runs)
    }

    /// Appends values (in their type's canonical case, as the shredder leaves them) PLAIN, and
    /// adds them to the chunk's statistics.
    private func appendPlainValues(_ values: ArraySlice<Value>, statistics: inout ColumnStatisticsAccumulator,
                                   to body: inout [UInt8]) throws {
        switch physicalType {
        case .boolean:
            let booleans = try values.map { value -> Bool in
                guard case .boolean(let flag) = value else { throw unexpected(value) }
                return flag
            }
            for flag in booleans { statistics.add(boolean: flag) }
            PlainEncoding.encodeBoolean(booleans, appendingTo: &body)
        case .int32:
            let integers = try values.map { Int32(truncatingIfNeeded: try integerBits($0)) }
            for integer in integers { statistics.add(integer: Int64(integer)) }
            PlainEncoding.encodeInt32(integers, appendingTo: &body)
        case .int64:
            let integers = try values.map { Int64(truncatingIfNeeded: try integerBits($0)) }
            for integer in integers { statistics.add(integer: integer) }
            PlainEncoding.encodeInt64(integers, appendingTo: &body)
        case .double:
            let doubles = try values.map { value -> Double in
                guard case .float64(let number) = value else { throw unexpected(value) }
                return number
            }
            doubles.withUnsafeBufferPointer { statistics.add(doubles: $0) }
            PlainEncoding.encodeDouble(doubles, appendingTo: &body)
        case .byteArray:
            for value in values {
                let bytes: [UInt8]
                switch value {
                case .string(let text): bytes = Array(text.utf8)
                case .binary(let raw): bytes = raw
                default: throw unexpected(value)
                }
                bytes.withUnsafeBytes { statistics.add(bytes: $0) }
                withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { body.append(contentsOf: $0) }
                body.append(contentsOf: bytes)
            }
        case .fixedLenByteArray:
            let width = Int(leaf.descriptor.typeLength ?? 16)
            for value in values {
                let unscaled = try integerBits(value)
                statistics.add(wide: unscaled)
                PlainEncoding.encodeBigEndianDecimal(unscaled, byteWidth: width, appendingTo: &body)
            }
        default:
            throw SluiceError.internal("nested writer has no PLAIN encoding for \(physicalType)")
        }
    }

    /// The integer a value is stored as: itself, days, microseconds, or a decimal's unscaled value.
    private func integerBits(_ value: Value) throws -> Int128 {
        switch value {
        case .int32(let integer), .date(let integer): Int128(integer)
        case .int64(let integer), .timestamp(let integer): Int128(integer)
        case .decimal(let unscaled, _): unscaled
        default: throw unexpected(value)
        }
    }

    private func unexpected(_ value: Value) -> SluiceError {
        SluiceError.internal("column '\(leaf.dottedPath)' of type \(leaf.descriptor.field.type) was handed \(value)")
    }
}
