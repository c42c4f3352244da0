/// Where one field of a CSV record lies in the scanner's buffer, without its surrounding quotes.
struct CSVFieldSpan: Sendable {
    var start: Int
    var end: Int
    /// The field was enclosed in quotes (so an empty quoted field is an empty string, not null).
    var isQuoted: Bool
    /// The field holds `""` pairs that stand for one quote each.
    var hasDoubledQuotes: Bool

    var isEmpty: Bool { start == end }
}

/// One CSV record as the scanner found it: borrowed views into the scanner's buffer, valid only
/// during the callback that receives it.
struct CSVRecord {
    let base: UnsafePointer<UInt8>
    let fields: UnsafeBufferPointer<CSVFieldSpan>
    /// The buffer offset where the record starts.
    let startOffset: Int
    /// The 1-based physical line the record starts on.
    let line: Int

    /// The raw bytes of a field: between the quotes, with doubled quotes still doubled.
    func rawText(_ field: Int) -> UnsafeBufferPointer<UInt8> {
        let span = fields[field]
        return UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
    }

    /// Calls `body` with the field's value: doubled quotes are undone into `scratch` first.
    func withText<Result>(
        _ field: Int, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        let raw = rawText(field)
        guard fields[field].hasDoubledQuotes else { return try body(raw) }
        scratch.removeAll(keepingCapacity: true)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            scratch.append(byte)
            // The scanner only marks pairs, so a quote is always followed by its twin here.
            index += byte == UInt8(ascii: "\"") ? 2 : 1
        }
        return try scratch.withUnsafeBufferPointer { try body($0) }
    }

    /// The field's value as a `String`, for headers and error messages.
    func string(_ field: Int) -> String {
        var scratch: [UInt8] = []
        return withText(field, scratch: &scratch) { String(decoding: $0, as: UTF8.self) }
    }

    /// The 1-based physical line a field starts on: the record's line plus the line breaks
    /// inside earlier quoted fields. Only computed for error messages.
    func line(ofField field: Int) -> Int {
        let end = field < fields.count ? fields[field].start : startOffset
        return line + CSVRecord.lineBreakCount(base, from: startOffset, to: end)
    }

    static func lineBreakCount(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var count = 0
        var index = start
        while index < end {
            if base[index] == UInt8(ascii: "\n") { count += 1 }
            index += 1
        }
        return count
    }
}
