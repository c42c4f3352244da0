import SluiceCore

/// Decodes one column chunk (all its pages) into a `Column`.
///
/// The chunk's bytes are read with one ranged read and decoded page by page: the dictionary
/// page first when present, then data pages v1 or v2 in PLAIN, dictionary, DELTA_BINARY_PACKED,
/// DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT or RLE (booleans) encoding. Every
/// length and index taken from the file is checked before use: corrupt input throws
/// `SluiceError` (data) naming the file, column and byte offset. `NestedColumnChunkReader` reuses
/// the dictionary and value decoding page by page.
struct ColumnChunkReader {
    let descriptor: ParquetColumnDescriptor
    let filePath: String
    private var codec: PageCodec?
    private var codecValue: CompressionCodec
    private var dictionary: ColumnValueAccumulator?
    private var indices: [UInt32] = []

    init(descriptor: ParquetColumnDescriptor, metaData: ColumnMetaData, filePath: String) throws {
        self.descriptor = descriptor
        self.filePath = filePath
        guard let codec = CompressionCodec(rawValue: metaData.codecRawValue) else {
            throw SluiceError.data("column '\(descriptor.field.name)' uses unknown compression codec \(metaData.codecRawValue)",
                                   at: SourceLocation(file: filePath, field: descriptor.field.name))
        }
        guard codec.isSupported else {
            throw SluiceError.data("column '\(descriptor.field.name)' is compressed with \(codec.name), which Sluice does not read yet",
                                   at: SourceLocation(file: filePath, field: descriptor.field.name))
        }
        self.codecValue = codec
        self.codec = codec == .uncompressed ? nil : try PageCodec(codec)
    }

    /// Decodes a chunk whose bytes start at `fileOffset` in the file.
    /// - Parameter rowCount: the row group's row count; the chunk must hold exactly that many values.
    mutating func read(_ chunk: UnsafeRawBufferPointer, fileOffset: Int, rowCount: Int) throws -> Column {
        // A row count from a corrupt footer must fail on the pages, not exhaust memory first:
        // allocate up front only what the chunk's bytes plausibly hold (a bit per value) and grow
        // page by page past that.
        let reservedRowCount = min(rowCount, chunk.count * 8)
        var values = ColumnValueAccumulator(type: descriptor.field.type, capacity: reservedRowCount)
        var validity = descriptor.isRequired ? nil : ValidityBitmap(count: reservedRowCount, allValid: false)
        var rowsRead = 0
        var offset = 0
        dictionary = nil
        while rowsRead < rowCount {
            guard offset < chunk.count else {
                throw corrupt("column chunk ends after \(rowsRead) of \(rowCount) values", at: fileOffset + offset)
            }
            let pageStart = offset
            let (header, headerSize) = try decodeHeader(UnsafeRawBufferPointer(rebasing: chunk[offset...]), at: fileOffset + offset)
            offset += headerSize
            let compressedSize = Int(header.compressedPageSize)
            guard compressedSize >= 0, header.uncompressedPageSize >= 0, compressedSize <= chunk.count - offset else {
                throw corrupt("page size \(compressedSize) runs past the column chunk", at: fileOffset + pageStart)
            }
            let body = UnsafeRawBufferPointer(rebasing: chunk[offset..<(offset + compressedSize)])
            offset += compressedSize
            if rowsRead > 0, values.type.storage == .bytes, values.binary.bytes.capacity < values.binary.bytes.count * 2 {
                // Size the byte buffer for the whole chunk from the rows decoded so far, so it
                // grows once instead of doubling (and copying) page after page.
                let estimate = values.binary.bytes.count / rowsRead * rowCount + values.binary.bytes.count / 8
                if estimate > values.binary.bytes.capacity { values.binary.bytes.reserveCapacity(estimate) }
            }
            do {
                switch header.type {
                case .dictionaryPage:
                    try readDictionaryPage(header, body)
                case .dataPage:
                    rowsRead += try readDataPageV1(header, body, &values, &validity, rowOffset: rowsRead, rowsLeft: rowCount - rowsRead)
                case .dataPageV2:
                    rowsRead += try readDataPageV2(header, body, &values, &validity, rowOffset: rowsRead, rowsLeft: rowCount - rowsRead)
                default:
                    continue  // Index pages and unknown page types carry no values.
                }
            } catch let error as SluiceError {
                throw error.located(SourceLocation(file: filePath, byteOffset: fileOffset + pageStart, field: descriptor.field.name))
            }
        }
        return values.finish(validity: validity)
    }

    private func decodeHeader(_ bytes: UnsafeRawBufferPointer, at fileOffset: Int) throws -> (PageHeader, Int) {
        do {
            return try PageHeader.decode(from: bytes)
        } catch let error as SluiceError {
            throw error.located(SourceLocation(file: filePath, byteOffset: fileOffset, field: descriptor.field.name))
        }
    }

    private func corrupt(_ message: String, at fileOffset: Int) -> SluiceError {
        SluiceError.data("corrupt page: \(message)", at: SourceLocation(file: filePath, byteOffset: fileOffset, field: descriptor.field.name))
    }

    /// The page body after decompression.
    mutating func decompress(_ body: UnsafeRawBufferPointer, uncompressedSize: Int) throws -> [UInt8] {
        guard var codec else {
            guard body.count == uncompressedSize else {
                throw SluiceError.data("corrupt page: stored size \(body.count) differs from uncompressed size \(uncompressedSize)")
            }
            return Array(body)
        }
        defer { self.codec = codec }
        return try codec.decompress(body, uncompressedSize: uncompressedSize)
    }

    /// Decodes a dictionary page, which the next dictionary-encoded pages refer to.
    mutating func readDictionaryPage(_ header: PageHeader, _ body: UnsafeRawBufferPointer) throws {
        guard let dictionaryHeader = header.dictionaryPageHeader else {
            throw SluiceError.data("corrupt page: dictionary page without its header")
        }
        let count = Int(dictionaryHeader.numValues)
        guard count >= 0 else { throw SluiceError.data("corrupt page: negative dictionary size") }
        let bytes = try decompress(body, uncompressedSize: Int(header.uncompressedPageSize))
        var entries = ColumnValueAccumulator(type: descriptor.field.type, capacity: count)
        try bytes.withUnsafeBytes { try decodePlainValues($0, count: count, into: &entries) }
        dictionary = entries
    }

    private mutating func readDataPageV1(_ header: PageHeader, _ body: UnsafeRawBufferPointer,
                                         _ values: inout ColumnValueAccumulator, _ validity: inout ValidityBitmap?,
                                         rowOffset: Int, rowsLeft: Int) throws -> Int {
        guard let pageHeader = header.dataPageHeader else { throw SluiceError.data("corrupt page: data page without its header") }
        let rowCount = Int(pageHeader.numValues)
        guard rowCount >= 0, rowCount <= rowsLeft else {
            throw SluiceError.data("corrupt page: \(rowCount) values where \(rowsLeft) remain in the row group")
        }
        let bytes = try decompress(body, uncompressedSize: Int(header.uncompressedPageSize))
        return try bytes.withUnsafeBytes { page in
            var position = 0
            var nonNullCount = rowCount
            if validity != nil {
                guard page.count >= 4 else { throw SluiceError.data("corrupt page: definition levels cut short") }
                let levelsSize = Int(page.loadUnaligned(as: UInt32.self).littleEndian)
                guard levelsSize <= page.count - 4 else { throw SluiceError.data("corrupt page: definition levels run past the page") }
                nonNullCount = try decodeLevels(UnsafeRawBufferPointer(rebasing: page[4..<(4 + levelsSize)]),
                                                encoding: pageHeader.definitionLevelEncoding,
                                                rowCount: rowCount, validity: &validity!, rowOffset: rowOffset)
                position = 4 + levelsSize
            }
            try decodeValues(UnsafeRawBufferPointer(rebasing: page[position...]), encoding: pageHeader.encoding,
                             count: nonNullCount, into: &values)
            if let validity {
                values.spreadNulls(nonNullCount: nonNullCount, rowCount: rowCount, validity: validity, rowOffset: rowOffset)
            }
            return rowCount
        }
    }

    private mutating func readDataPageV2(_ header: PageHeader, _ body: UnsafeRawBufferPointer,
                                         _ values: inout ColumnValueAccumulator, _ validity: inout ValidityBitmap?,
                                         rowOffset: Int, rowsLeft: Int) throws -> Int {
        guard let pageHeader = header.dataPageHeaderV2 else { throw SluiceError.data("corrupt page: data page v2 without its header") }
        let rowCount = Int(pageHeader.numValues)
        let repetitionSize = Int(pageHeader.repetitionLevelsByteLength)
        let definitionSize = Int(pageHeader.definitionLevelsByteLength)
        guard rowCount >= 0, rowCount <= rowsLeft, repetitionSize >= 0, definitionSize >= 0,
              repetitionSize + definitionSize <= body.count else {
            throw SluiceError.data("corrupt page: v2 header sizes do not fit the page")
        }
        var nonNullCount = rowCount
        if validity != nil {
            nonNullCount = try decodeLevels(UnsafeRawBufferPointer(rebasing: body[repetitionSize..<(repetitionSize + definitionSize)]),
                                            encoding: .rle, rowCount: rowCount, validity: &validity!, rowOffset: rowOffset,
                                            hasLengthPrefix: false)
        }
        let valuesStart = repetitionSize + definitionSize
        let storedValues = UnsafeRawBufferPointer(rebasing: body[valuesStart...])
        let uncompressedValuesSize = Int(header.uncompressedPageSize) - valuesStart
        let valueBytes: [UInt8]
        if pageHeader.isCompressed, codec != nil {
            valueBytes = try decompress(storedValues, uncompressedSize: uncompressedValuesSize)
        } else {
            valueBytes = Array(storedValues)
        }
        try valueBytes.withUnsafeBytes {
            try decodeValues($0, encoding: pageHeader.encoding, count: nonNullCount, into: &values)
        }
        if let validity {
            values.spreadNulls(nonNullCount: nonNullCount, rowCount: rowCount, validity: validity, rowOffset: rowOffset)
        }
        return rowCount
    }

    /// Decodes flat definition levels (max level 1) into validity bits; returns the number of
    /// non-null rows.
    private func decodeLevels(_ bytes: UnsafeRawBufferPointer, encoding: Encoding, rowCount: Int,
                              validity: inout ValidityBitmap, rowOffset: Int, hasLengthPrefix: Bool = true) throws -> Int {
        if validity.count < rowOffset + rowCount { validity.extend(toCount: rowOffset + rowCount) }
        switch encoding {
        case .rle:
            var decoder = RLEHybridDecoder(bytes, bitWidth: 1)
            return try decoder.decodeLevels(count: rowCount, maxLevel: 1, into: &validity, startingAt: rowOffset)
        case .bitPacked:
            var levels = [UInt32](repeating: 0, count: rowCount)
            _ = try levels.withUnsafeMutableBufferPointer {
                try BitPackedLegacyDecoder.decode(bytes, bitWidth: 1, count: rowCount, into: $0.baseAddress!)
            }
            var nonNullCount = 0
            for (row, level) in levels.enumerated() where level == 1 {
                validity.set(rowOffset + row, valid: true)
                nonNullCount += 1
            }
            return nonNullCount
        default:
            throw SluiceError.data("unsupported definition level encoding \(encoding.rawValue)")
        }
    }

    /// Decodes `count` dense (non-null) values of a data page's values section, appending them.
    mutating func decodeValues(_ bytes: UnsafeRawBufferPointer, encoding: Encoding, count: Int,
                                       into values: inout ColumnValueAccumulator) throws {
        switch encoding {
        case .plain:
            try decodePlainValues(bytes, count: count, into: &values)
        case .plainDictionary, .rleDictionary:
            try decodeDictionaryIndices(bytes, count: count, into: &values)
        case .deltaBinaryPacked:
            try decodeDelta(bytes, count: count, into: &values)
        case .deltaLengthByteArray, .deltaByteArray:
            guard descriptor.physicalType == .byteArray, descriptor.conversion == .identity else {
                throw SluiceError.data("encoding \(encoding.rawValue) on a \(descriptor.field.type) column")
            }
            if encoding == .deltaLengthByteArray {
                _ = try DeltaLengthByteArrayEncoding.decode(bytes, count: count, appendingTo: &values.binary)
            } else {
                _ = try DeltaByteArrayEncoding.decode(bytes, count: count, appendingTo: &values.binary)
            }
        case .rle where descriptor.physicalType == .boolean:
            _ = try RLEHybridDecoder.decodeBooleans(bytes, count: count, appendingTo: &values.booleans)
        case .byteStreamSplit:
            try decodeByteStreamSplitValues(bytes, count: count, into: &values)
        default:
            throw SluiceError.data("unsupported encoding \(encoding.rawValue) for column '\(descriptor.field.name)'")
        }
    }

    func decodePlainValues(_ bytes: UnsafeRawBufferPointer, count: Int, into values: inout ColumnValueAccumulator) throws {
        switch (descriptor.physicalType, descriptor.conversion) {
        case (.boolean, _):
            _ = try PlainEncoding.decodeBoolean(bytes, count: count, appendingTo: &values.booleans)
        case (.int32, .identity):
            _ = try PlainEncoding.decodeInt32(bytes, count: count, appendingTo: &values.int32s)
        case (.int32, .int32ToInt64), (.int32, .unsignedInt32ToInt64):
            var narrow: [Int32] = []
            _ = try PlainEncoding.decodeInt32(bytes, count: count, appendingTo: &narrow)
            if descriptor.conversion == .unsignedInt32ToInt64 {
                values.int64s.append(contentsOf: narrow.lazy.map { Int64(UInt32(bitPattern: $0)) })
            } else {
                values.int64s.append(contentsOf: narrow.lazy.map { Int64($0) })
            }
        case (.int64, _):
            let start = values.int64s.count
            _ = try PlainEncoding.decodeInt64(bytes, count: count, appendingTo: &values.int64s)
            try convertInt64(&values.int64s, from: start)
        case (.int96, _):
            _ = try PlainEncoding.decodeInt96Timestamp(bytes, count: count, appendingTo: &values.int64s)
        case (.float, _):
            _ = try PlainEncoding.decodeFloat(bytes, count: count, appendingTo: &values.doubles)
        case (.double, _):
            _ = try PlainEncoding.decodeDouble(bytes, count: count, appendingTo: &values.doubles)
        case (.byteArray, .bigEndianDecimal), (.fixedLenByteArray, .bigEndianDecimal):
            var raw = BinaryBuffer()
            try decodeByteValues(bytes, count: count, into: &raw)
            try appendDecimals(raw, into: &values)
        case (.byteArray, _), (.fixedLenByteArray, _):
            try decodeByteValues(bytes, count: count, into: &values.binary)
        default:
            throw SluiceError.data("unsupported physical type \(descriptor.physicalType.rawValue)")
        }
    }

    private func decodeByteValues(_ bytes: UnsafeRawBufferPointer, count: Int, into buffer: inout BinaryBuffer) throws {
        if descriptor.physicalType == .fixedLenByteArray {
            _ = try PlainEncoding.decodeFixedLenByteArray(bytes, byteWidth: Int(descriptor.typeLength ?? 0), count: count, appendingTo: &buffer)
        } else {
            _ = try PlainEncoding.decodeByteArray(bytes, count: count, appendingTo: &buffer)
        }
    }

    private func appendDecimals(_ raw: BinaryBuffer, into values: inout ColumnValueAccumulator) throws {
        try raw.bytes.withUnsafeBytes { bytes in
            for index in 0..<raw.count {
                let range = raw.byteRange(index)
                guard range.count <= 16 else { throw SluiceError.data("decimal of \(range.count) bytes is wider than 16") }
                let value = PlainEncoding.decodeBigEndianDecimal(UnsafeRawBufferPointer(rebasing: bytes[range]))
                if values.type.storage == .int64 {
                    values.int64s.append(Int64(truncatingIfNeeded: value))
                } else {
                    values.int128s.append(value)
                }
            }
        }
    }

    /// Applies a timestamp unit conversion to values appended since `start`.
    private func convertInt64(_ array: inout [Int64], from start: Int) throws {
        switch descriptor.conversion {
        case .millisToMicros:
            for index in start..<array.count {
                let (micros, overflow) = array[index].multipliedReportingOverflow(by: 1000)
                if overflow {
                    throw SluiceError.data("timestamp of \(array[index]) ms is out of the microsecond range")
                }
                array[index] = micros
            }
        case .nanosToMicros:
            for index in start..<array.count {
                // Floor division written so that it cannot overflow near Int64.min.
                let nanos = array[index]
                let quotient = nanos / 1000
                array[index] = nanos % 1000 < 0 ? quotient - 1 : quotient
            }
        default:
            break
        }
    }

    private mutating func decodeDelta(_ bytes: UnsafeRawBufferPointer, count: Int, into values: inout ColumnValueAccumulator) throws {
        switch descriptor.physicalType {
        case .int32:
            var decoded: [Int32] = []
            _ = try DeltaBinaryPackedDecoder.decodeInt32(bytes, count: count, appendingTo: &decoded)
            if descriptor.field.type.storage == .int32 {
                values.int32s.append(contentsOf: decoded)
            } else if descriptor.conversion == .unsignedInt32ToInt64 {
                values.int64s.append(contentsOf: decoded.lazy.map { Int64(UInt32(bitPattern: $0)) })
            } else {
                values.int64s.append(contentsOf: decoded.lazy.map { Int64($0) })
            }
        case .int64:
            let start = values.int64s.count
            _ = try DeltaBinaryPackedDecoder.decodeInt64(bytes, count: count, appendingTo: &values.int64s)
            try convertInt64(&values.int64s, from: start)
        default:
            throw SluiceError.data("DELTA_BINARY_PACKED on a \(descriptor.physicalType.rawValue) column")
        }
    }

    private mutating func decodeDictionaryIndices(_ bytes: UnsafeRawBufferPointer, count: Int,
                                                  into values: inout ColumnValueAccumulator) throws {
        guard let dictionary else { throw SluiceError.data("corrupt page: dictionary-encoded page without a dictionary page") }
        if indices.count < count { indices = [UInt32](repeating: 0, count: count) }
        try indices.withUnsafeMutableBufferPointer {
            try DictionaryIndices.decodeDictionaryIndices(bytes, count: count, into: $0.baseAddress!)
        }
        let entryCount = UInt32(dictionary.count)
        try indices.withUnsafeBufferPointer { buffer in
            let page = UnsafeBufferPointer(rebasing: buffer[0..<count])
            var largest: UInt32 = 0
            for index in page { largest = max(largest, index) }
            if count > 0, largest >= entryCount {
                throw SluiceError.data("corrupt page: dictionary index \(largest) past the \(entryCount) entries")
            }
            switch dictionary.type.storage {
            case .boolean: ColumnChunkReader.gather(dictionary.booleans, page, into: &values.booleans)
            case .int32: ColumnChunkReader.gather(dictionary.int32s, page, into: &values.int32s)
            case .int64: ColumnChunkReader.gather(dictionary.int64s, page, into: &values.int64s)
            case .int128: ColumnChunkReader.gather(dictionary.int128s, page, into: &values.int128s)
            case .float64: ColumnChunkReader.gather(dictionary.doubles, page, into: &values.doubles)
            case .bytes: ColumnChunkReader.gather(dictionary.binary, page, into: &values.binary)
            }
        }
    }

    private static func gather<T>(_ entries: [T], _ indices: UnsafeBufferPointer<UInt32>, into output: inout [T]) {
        // No reserveCapacity here: the accumulator reserved the chunk's rows, and an exact
        // reservation per page would defeat the array's geometric growth.
        entries.withUnsafeBufferPointer { entries in
            for index in indices { output.append(entries[Int(index)]) }
        }
    }

    /// Copies `count` bytes. Dictionary strings are mostly short (a ship mode, a flag), where a
    /// call to `memmove` per value costs more than the copy: up to 16 bytes move as two
    /// overlapping words, never touching a byte outside either range.
    @inline(__always)
    private static func copyBytes(from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, count: Int) {
        switch count {
        case 0:
            return
        case 1...3:
            for offset in 0..<count { target.storeBytes(of: source.load(fromByteOffset: offset, as: UInt8.self), toByteOffset: offset, as: UInt8.self) }
        case 4...7:
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        case 8...16:
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        default:
            target.copyMemory(from: source, byteCount: count)
        }
    }

    private static func gather(_ entries: BinaryBuffer, _ indices: UnsafeBufferPointer<UInt32>, into output: inout BinaryBuffer) {
        var totalBytes = 0
        entries.offsets.withUnsafeBufferPointer { offsets in
            for index in indices { totalBytes += Int(offsets[Int(index) + 1] - offsets[Int(index)]) }
        }
        var position = output.bytes.count
        output.bytes.append(contentsOf: repeatElement(0, count: totalBytes))
        var ends = [Int64](repeating: 0, count: indices.count)
        entries.offsets.withUnsafeBufferPointer { offsets in
            entries.bytes.withUnsafeBytes { source in
                output.bytes.withUnsafeMutableBytes { target in
                    ends.withUnsafeMutableBufferPointer { ends in
                        for (slot, index) in indices.enumerated() {
                            let start = Int(offsets[Int(index)])
                            let length = Int(offsets[Int(index) + 1]) - start
                            copyBytes(from: source.baseAddress! + start, to: target.baseAddress! + position, count: length)
                            position += length
                            ends[slot] = Int64(position)
                        }
                    }
                }
            }
        }
        output.offsets.append(contentsOf: ends)
    }
}
