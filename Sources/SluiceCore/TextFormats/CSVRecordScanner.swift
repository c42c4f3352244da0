/// Splits a CSV file into records and fields (RFC 4180): fields are separated by the
/// delimiter, records end at LF or CRLF, and a field enclosed in double quotes may hold
/// delimiters, line breaks and `""` (one quote). Empty lines are skipped.
///
/// The scanner streams the file through a `ChunkedFileBuffer` and hands each record to a
/// callback as offsets into the buffer, so no field is copied. Value type; one reader owns it.
struct CSVRecordScanner: Sendable {
    let path: String
    let delimiter: UInt8
    private var buffer: ChunkedFileBuffer
    /// The physical line (1-based) the next record starts on.
    private(set) var line = 1
    private var fields: [CSVFieldSpan] = []

    init(file: any ReadableFile, path: String, delimiter: UInt8, chunkSizeBytes: Int) {
        precondition(delimiter != UInt8(ascii: "\"") && delimiter != UInt8(ascii: "\n") && delimiter != UInt8(ascii: "\r"),
                     "the delimiter cannot be a quote or a line break")
        self.path = path
        self.delimiter = delimiter
        self.buffer = ChunkedFileBuffer(file: file, chunkSizeBytes: chunkSizeBytes)
    }

    /// The file offset of the next record.
    var fileOffset: Int { buffer.positionFileOffset }

    /// Continues scanning at a file offset whose line number is known.
    mutating func seek(toFileOffset offset: Int, line: Int) {
        buffer.seek(toFileOffset: offset)
        self.line = line
    }

    /// Closes the file; the scanner must not be used afterwards.
    func closeFile() {
        buffer.closeFile()
    }

    /// Skips a UTF-8 byte order mark at the start of the file.
    mutating func skipByteOrderMark() throws {
        precondition(fileOffset == 0, "a byte order mark can only be at the start")
        while buffer.bytes.count < 3, try buffer.readMore() {}
        if buffer.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.position = 3 }
    }

    /// Hands records to `body` in file order until `body` returns false or the file ends.
    /// - Throws: `SluiceError` (data) for a quote left open at the end of the file or text after
    ///   a closing quote; whatever `body` throws.
    mutating func scanRecords(_ body: (CSVRecord) throws -> Bool) throws {
        while true {
            if buffer.position >= buffer.bytes.count {
                guard try buffer.readMore() else { return }
            }
            let (needsMoreBytes, stopped) = try scanBufferedRecords(body)
            if stopped { return }
            if needsMoreBytes {
                guard try buffer.readMore() else {
                    throw SluiceError.internal("CSV scanner asked for bytes after the end of '\(path)'")
                }
            }
        }
    }

    /// Scans the records wholly inside the buffer.
    /// - Returns: whether a record runs past the buffered bytes, and whether `body` stopped.
    private mutating func scanBufferedRecords(_ body: (CSVRecord) throws -> Bool) throws -> (needsMoreBytes: Bool, stopped: Bool) {
        // Work on locals so the closure below touches no stored property of `self`.
        var position = buffer.position
        var line = self.line
        var fields = self.fields
        self.fields = []
        let isAtEndOfFile = buffer.hasReadWholeFile
        let delimiter = self.delimiter
        let path = self.path
        defer {
            buffer.position = position
            self.line = line
            self.fields = fields
        }
        return try buffer.bytes.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            while position < bytes.count {
                let outcome = CSVRecordScanner.scanRecord(
                    base, from: position, to: bytes.count, isAtEndOfFile: isAtEndOfFile, delimiter: delimiter, fields: &fields)
                switch outcome {
                case .needsMoreBytes:
                    return (true, false)
                case .record(let end, let lineBreakCount):
                    let isBlankLine = fields.count == 1 && fields[0].isEmpty && !fields[0].isQuoted
                    var keepGoing = true
                    if !isBlankLine {
                        keepGoing = try fields.withUnsafeBufferPointer { spans in
                            try body(CSVRecord(base: base, fields: spans, startOffset: position, line: line))
                        }
                    }
                    position = end
                    line += lineBreakCount
                    if !keepGoing { return (false, true) }
                case .unclosedQuote(let quoteOffset):
                    let location = SourceLocation(
                        file: path, line: line + CSVRecord.lineBreakCount(base, from: position, to: quoteOffset),
                        column: fields.count + 1)
                    throw SluiceError.data("quoted field is not closed before the end of the file", at: location)
                case .textAfterClosingQuote(let offset):
                    let location = SourceLocation(
                        file: path, line: line + CSVRecord.lineBreakCount(base, from: position, to: offset),
                        column: fields.count)
                    throw SluiceError.data(
                        "unexpected '\(Character(Unicode.Scalar(base[offset])))' after a closing quote; quotes inside a quoted field must be doubled",
                        at: location)
                }
            }
            return (false, false)
        }
    }

    enum ScanOutcome {
        /// A whole record: it ends before `end` (after its line break), and holds this many LFs.
        case record(end: Int, lineBreakCount: Int)
        /// The buffer ends inside the record.
        case needsMoreBytes
        /// The file ends inside a quoted field opened at this offset.
        case unclosedQuote(at: Int)
        /// A byte other than a delimiter or a line break follows a closing quote.
        case textAfterClosingQuote(at: Int)
    }

    /// Scans one record starting at `start`, filling `fields`.
    static func scanRecord(
        _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, isAtEndOfFile: Bool, delimiter: UInt8,
        fields: inout [CSVFieldSpan]
    ) -> ScanOutcome {
        let quote = UInt8(ascii: "\"")
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        fields.removeAll(keepingCapacity: true)
        var lineBreakCount = 0
        var index = start
        while true {
            if index < end, base[index] == quote {
                let contentStart = index + 1
                var cursor = contentStart
                var hasDoubledQuotes = false
                while true {
                    guard cursor < end else { return isAtEndOfFile ? .unclosedQuote(at: index) : .needsMoreBytes }
                    let byte = base[cursor]
                    if byte == quote {
                        guard cursor + 1 < end else {
                            if isAtEndOfFile { break }
                            return .needsMoreBytes
                        }
                        guard base[cursor + 1] == quote else { break }
                        hasDoubledQuotes = true
                        cursor += 2
                        continue
                    }
                    if byte == lineFeed { lineBreakCount += 1 }
                    cursor += 1
                }
                fields.append(CSVFieldSpan(start: contentStart, end: cursor, isQuoted: true, hasDoubledQuotes: hasDoubledQuotes))
                index = cursor + 1
                guard index < end else {
                    return isAtEndOfFile ? .record(end: end, lineBreakCount: lineBreakCount) : .needsMoreBytes
                }
                let next = base[index]
                if next == delimiter {
                    index += 1
                    continue
                }
                if next == lineFeed { return .record(end: index + 1, lineBreakCount: lineBreakCount + 1) }
                if next == carriageReturn {
                    guard index + 1 < end else {
                        return isAtEndOfFile ? .record(end: end, lineBreakCount: lineBreakCount) : .needsMoreBytes
                    }
                    if base[index + 1] == lineFeed { return .record(end: index + 2, lineBreakCount: lineBreakCount + 1) }
                }
                return .textAfterClosingQuote(at: index)
            }
            var cursor = index
            while cursor < end {
                let byte = base[cursor]
                if byte == delimiter || byte == lineFeed { break }
                cursor += 1
            }
            if cursor == end {
                guard isAtEndOfFile else { return .needsMoreBytes }
                // The last line has no line break; a lone CR there is the start of a missing LF.
                let fieldEnd = cursor > index && base[cursor - 1] == carriageReturn ? cursor - 1 : cursor
                fields.append(CSVFieldSpan(start: index, end: fieldEnd, isQuoted: false, hasDoubledQuotes: false))
                return .record(end: end, lineBreakCount: lineBreakCount)
            }
            if base[cursor] == lineFeed {
                let fieldEnd = cursor > index && base[cursor - 1] == carriageReturn ? cursor - 1 : cursor
                fields.append(CSVFieldSpan(start: index, end: fieldEnd, isQuoted: false, hasDoubledQuotes: false))
                return .record(end: cursor + 1, lineBreakCount: lineBreakCount + 1)
            }
            fields.append(CSVFieldSpan(start: index, end: cursor, isQuoted: false, hasDoubledQuotes: false))
            index = cursor + 1
        }
    }
}
