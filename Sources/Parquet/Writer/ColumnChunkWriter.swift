import SluiceCore

/// Encodes the values of one column into the pages of one column chunk at a time.
///
/// Values arrive in slices of record batches; they are dictionary-encoded while the dictionary
/// pays off and stays small, PLAIN otherwise. Pages are compressed as they fill and kept in
/// memory until the row group is flushed, so memory is bounded by the row group size.
/// Not thread-safe: one writer per column, driven by one `ParquetWriter`.
final class ColumnChunkWriter {
    /// The finished bytes and footer entry of one column chunk.
    struct FinishedChunk {
        /// Dictionary page (if any) followed by the data pages.
        var bytes: [UInt8]
        var dictionaryPageSizeBytes: Int
        var metaData: ColumnMetaData
    }

    /// Rows encoded between checks of the page size.
    private static let sliceRowCount = 4096

    let descriptor: ParquetColumnDescriptor
    private let options: ParquetWriterOptions
    private var codec: PageCodec

    // Chunk state.
    private var dataPages: [UInt8] = []
    private var chunkValueCount: Int64 = 0
    private var chunkUncompressedBytes: Int64 = 0
    private var statistics = ColumnStatisticsAccumulator()
    private var dataPageEncodings: [Encoding: Int32] = [:]

    // Dictionary state: `usesDictionary` is true while new pages are dictionary-encoded.
    private var fixedDictionary: FixedWidthDictionary?
    private var bytesDictionary: ByteArrayDictionary?
    private var usesDictionary: Bool
    private var dictionaryDecided = false

    // Page state.
    private var pageLevels = RLEHybridEncoder(bitWidth: 1)
    private var pageIndices: [UInt32] = []
    private var pagePlain: [UInt8] = []
    private var pageBooleans: [Bool] = []
    private var pageRowCount = 0
    private var scratch: [UInt8] = []

    init(descriptor: ParquetColumnDescriptor, options: ParquetWriterOptions) throws {
        self.descriptor = descriptor
        self.options = options
        self.codec = try PageCodec(options.codec)
        switch descriptor.physicalType {
        case .int32, .int64, .double:
            usesDictionary = options.dictionaryEnabled
            if usesDictionary { fixedDictionary = FixedWidthDictionary() }
        case .byteArray:
            usesDictionary = options.dictionaryEnabled
            if usesDictionary { bytesDictionary = ByteArrayDictionary() }
        default:
            usesDictionary = false
        }
    }

    /// Bytes this chunk holds so far (compressed pages plus the open page, estimated).
    var bufferedSizeBytes: Int {
        dataPages.count + pagePlain.count + pageIndices.count + pageBooleans.count / 8
            + (bytesDictionary?.plainSizeBytes ?? 0) + (fixedDictionary?.count ?? 0) * 8
    }

    /// Encodes rows `range` of `column`.
    func append(_ column: Column, rows range: Range<Int>) throws {
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(start + ColumnChunkWriter.sliceRowCount, range.upperBound)
            appendLevels(column, start..<end)
            try appendValues(column, start..<end)
            pageRowCount += end - start
            if usesDictionary, dictionarySizeBytes > options.dictionaryPageSizeBytesMax {
                // The open page (this slice included) keeps its indices; the rest of the chunk
                // is PLAIN. Checked only once the slice is counted in the page.
                try flushPage()
                usesDictionary = false
            } else if openPageSizeBytes >= options.pageSizeBytes {
                try flushPage()
            }
            start = end
        }
    }

    private var openPageSizeBytes: Int {
        if usesDictionary {
            let entries = fixedDictionary?.count ?? bytesDictionary?.count ?? 1
            return pageIndices.count * (UInt32(max(entries - 1, 1)).bitWidthNeeded) / 8
        }
        return pagePlain.count + pageBooleans.count / 8
    }

    private func appendLevels(_ column: Column, _ range: Range<Int>) {
        if let validity = column.validity {
            var nulls = 0
            for row in range {
                let valid = validity.isValid(row)
                if !valid { nulls += 1 }
                if !descriptor.isRequired { pageLevels.append(valid ? 1 : 0) }
            }
            statistics.addNulls(nulls)
        } else if !descriptor.isRequired {
            pageLevels.append(repeating: 1, count: range.count)
        }
    }

    private func appendValues(_ column: Column, _ range: Range<Int>) throws {
        let validity = column.validity
        switch column.values {
        case .boolean(let values):
            for row in range where validity?.isValid(row) ?? true {
                pageBooleans.append(values[row])
                statistics.add(boolean: values[row])
            }
        case .int32(let values):
            values.withUnsafeBufferPointer { buffer in
                let slice = UnsafeBufferPointer(rebasing: buffer[range])
                if validity == nil { statistics.add(integers: slice) }
                for row in range where validity?.isValid(row) ?? true {
                    if validity != nil { statistics.add(integer: Int64(buffer[row])) }
                    appendFixed(UInt64(UInt32(bitPattern: buffer[row])), width: 4)
                }
            }
        case .int64(let values):
            let width = descriptor.physicalType == .int32 ? 4 : 8
            values.withUnsafeBufferPointer { buffer in
                let slice = UnsafeBufferPointer(rebasing: buffer[range])
                if validity == nil { statistics.add(integers: slice) }
                for row in range where validity?.isValid(row) ?? true {
                    if validity != nil { statistics.add(integer: buffer[row]) }
                    let bits = width == 4 ? UInt64(UInt32(truncatingIfNeeded: buffer[row])) : UInt64(bitPattern: buffer[row])
                    appendFixed(bits, width: width)
                }
            }
        case .float64(let values):
            values.withUnsafeBufferPointer { buffer in
                if validity == nil {
                    statistics.add(doubles: UnsafeBufferPointer(rebasing: buffer[range]))
                }
                for row in range where validity?.isValid(row) ?? true {
                    if validity != nil {
                        var value = buffer[row]
                        withUnsafePointer(to: &value) { statistics.add(doubles: UnsafeBufferPointer(start: $0, count: 1)) }
                    }
                    appendFixed(buffer[row].bitPattern, width: 8)
                }
            }
        case .int128(let values):
            let width = Int(descriptor.typeLength ?? 16)
            for row in range where validity?.isValid(row) ?? true {
                statistics.add(wide: values[row])
                PlainEncoding.encodeBigEndianDecimal(values[row], byteWidth: width, appendingTo: &pagePlain)
            }
        case .bytes(let buffer):
            buffer.offsets.withUnsafeBufferPointer { offsets in
                buffer.bytes.withUnsafeBytes { bytes in
                    for row in range where validity?.isValid(row) ?? true {
                        let start = Int(offsets[row])
                        let value = UnsafeRawBufferPointer(rebasing: bytes[start..<Int(offsets[row + 1])])
                        appendBytes(value)
                    }
                }
            }
        }
    }

    private var dictionarySizeBytes: Int {
        if let bytesDictionary { return bytesDictionary.plainSizeBytes }
        if let fixedDictionary { return fixedDictionary.count * (descriptor.physicalType == .int32 ? 4 : 8) }
        return 0
    }

    @inline(__always)
    private func appendFixed(_ bits: UInt64, width: Int) {
        if usesDictionary {
            pageIndices.append(fixedDictionary!.index(of: bits))
        } else if width == 4 {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: bits).littleEndian) { pagePlain.append(contentsOf: $0) }
        } else {
            withUnsafeBytes(of: bits.littleEndian) { pagePlain.append(contentsOf: $0) }
        }
    }

    @inline(__always)
    private func appendBytes(_ value: UnsafeRawBufferPointer) {
        if usesDictionary {
            pageIndices.append(bytesDictionary!.index(of: value))
            return
        }
        // Dictionary entries are accounted for once, at the end of the chunk.
        statistics.add(bytes: value)
        withUnsafeBytes(of: UInt32(value.count).littleEndian) { pagePlain.append(contentsOf: $0) }
        pagePlain.append(contentsOf: value)
    }

    /// Closes the open page: levels, then values, compressed as one body (data page v1).
    func flushPage() throws {
        guard pageRowCount > 0 else { return }
        if usesDictionary, !dictionaryDecided { decideDictionary() }
        scratch.removeAll(keepingCapacity: true)
        if !descriptor.isRequired {
            let levels = pageLevels.finish()
            withUnsafeBytes(of: UInt32(levels.count).littleEndian) { scratch.append(contentsOf: $0) }
            scratch.append(contentsOf: levels)
        }
        let encoding: Encoding
        if usesDictionary {
            encoding = .rleDictionary
            let entryCount = fixedDictionary?.count ?? bytesDictionary?.count ?? 1
            let bitWidth = UInt32(max(entryCount - 1, 1)).bitWidthNeeded
            scratch.append(UInt8(bitWidth))
            var encoder = RLEHybridEncoder(bitWidth: bitWidth)
            for index in pageIndices { encoder.append(index) }
            scratch.append(contentsOf: encoder.finish())
        } else {
            encoding = .plain
            if descriptor.physicalType == .boolean {
                PlainEncoding.encodeBoolean(pageBooleans, appendingTo: &scratch)
            } else {
                scratch.append(contentsOf: pagePlain)
            }
        }
        var header = PageHeader(type: .dataPage, uncompressedPageSize: Int32(scratch.count), compressedPageSize: 0)
        header.dataPageHeader = DataPageHeader(numValues: Int32(pageRowCount), encoding: encoding,
                                               definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        try appendPage(header: header, body: scratch, to: &dataPages)
        dataPageEncodings[encoding, default: 0] += 1
        chunkValueCount += Int64(pageRowCount)
        pageRowCount = 0
        pageIndices.removeAll(keepingCapacity: true)
        pagePlain.removeAll(keepingCapacity: true)
        pageBooleans.removeAll(keepingCapacity: true)
    }

    /// After the first page: keep the dictionary only if it makes the data smaller, as
    /// parquet-mr does. Otherwise this page is re-encoded PLAIN and the dictionary dropped.
    private func decideDictionary() {
        dictionaryDecided = true
        let entryCount = fixedDictionary?.count ?? bytesDictionary?.count ?? 0
        let indexBytes = pageIndices.count * UInt32(max(entryCount - 1, 1)).bitWidthNeeded / 8
        let plainBytes: Int
        if let bytesDictionary {
            plainBytes = pageIndices.reduce(0) { $0 + 4 + bytesDictionary.entries.byteRange(Int($1)).count }
        } else {
            plainBytes = pageIndices.count * (descriptor.physicalType == .int32 ? 4 : 8)
        }
        guard dictionarySizeBytes + indexBytes >= plainBytes else { return }
        usesDictionary = false
        if let dictionary = bytesDictionary {
            dictionary.entries.bytes.withUnsafeBytes { bytes in
                for index in pageIndices {
                    let range = dictionary.entries.byteRange(Int(index))
                    appendBytes(UnsafeRawBufferPointer(rebasing: bytes[range]))
                }
            }
        } else if let dictionary = fixedDictionary {
            let width = descriptor.physicalType == .int32 ? 4 : 8
            for index in pageIndices { appendFixed(dictionary.values[Int(index)], width: width) }
        }
        bytesDictionary = nil
        fixedDictionary = nil
    }

    private func appendPage(header: PageHeader, body: [UInt8], to output: inout [UInt8]) throws {
        var header = header
        var compressed: [UInt8] = []
        if options.codec != .uncompressed {
            compressed.reserveCapacity(body.count / 2 + 64)
            try body.withUnsafeBytes { try codec.compress($0, appendingTo: &compressed) }
            header.compressedPageSize = Int32(compressed.count)
        } else {
            header.compressedPageSize = Int32(body.count)
        }
        let headerBytes = header.encoded()
        output.append(contentsOf: headerBytes)
        output.append(contentsOf: options.codec == .uncompressed ? body : compressed)
        chunkUncompressedBytes += Int64(headerBytes.count + body.count)
    }

    /// Closes the chunk and resets for the next row group.
    func finishChunk() throws -> FinishedChunk {
        try flushPage()
        var bytes: [UInt8] = []
        var encodingStats: [PageEncodingStats] = []
        var encodings: [Encoding] = []
        if let page = dictionaryPageBody() {
            var header = PageHeader(type: .dictionaryPage, uncompressedPageSize: Int32(page.body.count), compressedPageSize: 0)
            header.dictionaryPageHeader = DictionaryPageHeader(numValues: Int32(page.count), encoding: .plain)
            try appendPage(header: header, body: page.body, to: &bytes)
            encodingStats.append(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
            encodings.append(.plain)
        }
        let dictionaryPageSizeBytes = bytes.count
        bytes.append(contentsOf: dataPages)
        for (encoding, count) in dataPageEncodings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            encodingStats.append(PageEncodingStats(pageType: .dataPage, encoding: encoding, count: count))
            if !encodings.contains(encoding) { encodings.append(encoding) }
        }
        encodings.append(.rle)
        var metaData = ColumnMetaData(type: descriptor.physicalType, encodings: encodings,
                                      pathInSchema: [descriptor.field.name], codecRawValue: options.codec.rawValue,
                                      numValues: chunkValueCount, totalUncompressedSize: chunkUncompressedBytes,
                                      totalCompressedSize: Int64(bytes.count), dataPageOffset: 0)
        metaData.statistics = finalStatistics()
        metaData.encodingStats = encodingStats
        let finished = FinishedChunk(bytes: bytes, dictionaryPageSizeBytes: dictionaryPageSizeBytes, metaData: metaData)
        resetChunk()
        return finished
    }

    private func finalStatistics() -> Statistics {
        var accumulator = statistics
        if let dictionary = bytesDictionary {
            dictionary.entries.bytes.withUnsafeBytes { bytes in
                for index in 0..<dictionary.count {
                    accumulator.add(bytes: UnsafeRawBufferPointer(rebasing: bytes[dictionary.entries.byteRange(index)]))
                }
            }
        }
        return accumulator.statistics(for: descriptor)
    }

    private func dictionaryPageBody() -> (body: [UInt8], count: Int)? {
        if let dictionary = bytesDictionary, dictionary.count > 0 {
            var body: [UInt8] = []
            body.reserveCapacity(dictionary.plainSizeBytes)
            dictionary.entries.bytes.withUnsafeBytes { bytes in
                for index in 0..<dictionary.count {
                    let range = dictionary.entries.byteRange(index)
                    withUnsafeBytes(of: UInt32(range.count).littleEndian) { body.append(contentsOf: $0) }
                    body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
                }
            }
            return (body, dictionary.count)
        }
        if let dictionary = fixedDictionary, dictionary.count > 0 {
            var body: [UInt8] = []
            let width = descriptor.physicalType == .int32 ? 4 : 8
            body.reserveCapacity(dictionary.count * width)
            for bits in dictionary.values {
                if width == 4 {
                    withUnsafeBytes(of: UInt32(truncatingIfNeeded: bits).littleEndian) { body.append(contentsOf: $0) }
                } else {
                    withUnsafeBytes(of: bits.littleEndian) { body.append(contentsOf: $0) }
                }
            }
            return (body, dictionary.count)
        }
        return nil
    }

    private func resetChunk() {
        dataPages = []
        chunkValueCount = 0
        chunkUncompressedBytes = 0
        statistics = ColumnStatisticsAccumulator()
        dataPageEncodings = [:]
        dictionaryDecided = false
        switch descriptor.physicalType {
        case .int32, .int64, .double:
            usesDictionary = options.dictionaryEnabled
            fixedDictionary = usesDictionary ? FixedWidthDictionary() : nil
        case .byteArray:
            usesDictionary = options.dictionaryEnabled
            bytesDictionary = usesDictionary ? ByteArrayDictionary() : nil
        default:
            usesDictionary = false
        }
    }
}

extension FixedWidthInteger {
    /// Bits needed to write the value unsigned (0 for 0).
    var bitWidthNeeded: Int { bitWidth - leadingZeroBitCount }
}
