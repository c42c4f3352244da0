import SluiceCore

/// The list of a partition's segments that live in the tier, kept in the partition's local
/// folder as `tiered-segments` and replaced atomically on every change.
///
/// Text, one segment a line: `<baseOffset> <nextOffset> <maxTimestampMillis> <sizeBytes>`,
/// after a `sluice-tiered-segments 1` line and before a closing `crc32c <value>` line that
/// covers everything above it.
struct TieredSegmentManifest: Equatable {
    static let fileName = "tiered-segments"
    private static let firstLine = "sluice-tiered-segments 1"

    struct Entry: Equatable {
        var baseOffset: Int64
        var nextOffset: Int64
        var maxTimestampMillis: Int64
        var sizeBytes: Int
    }

    var entries: [Entry]

    static func path(inPartition directory: String) -> String {
        directory + "/" + fileName
    }

    func encoded() -> [UInt8] {
        var text = Self.firstLine + "\n"
        for entry in entries {
            text += "\(entry.baseOffset) \(entry.nextOffset) \(entry.maxTimestampMillis) \(entry.sizeBytes)\n"
        }
        let body = Array(text.utf8)
        return body + Array("crc32c \(CRC32C.checksum(body))\n".utf8)
    }

    /// Parses a manifest file's bytes.
    /// - Throws: `SluiceError.data` naming `path` when the bytes are not a whole, consistent manifest.
    init(parsing bytes: [UInt8], path: String) throws {
        func damaged(_ reason: String) -> SluiceError { .data("tiered segment manifest: \(reason)", at: SourceLocation(file: path)) }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 3, lines.last?.isEmpty == true else { throw damaged("it is cut short") }
        let checksumLine = String(decoding: lines[lines.count - 2], as: UTF8.self)
        let bodyCount = lines.dropLast(2).reduce(0) { $0 + $1.count + 1 }
        guard checksumLine.hasPrefix("crc32c "), UInt32(checksumLine.dropFirst(7)) == CRC32C.checksum(Array(bytes[0..<bodyCount])) else {
            throw damaged("the checksum does not match")
        }
        guard String(decoding: lines[0], as: UTF8.self) == Self.firstLine else { throw damaged("unknown format") }
        var parsed: [Entry] = []
        for line in lines[1..<(lines.count - 2)] {
            let fields = line.split(separator: UInt8(ascii: " ")).map { Int64(String(decoding: $0, as: UTF8.self)) }
            guard fields.count == 4, let base = fields[0], let next = fields[1], let maxTimestamp = fields[2], let size = fields[3],
                base >= 0, next > base, size >= 0
            else { throw damaged("a line is invalid") }
            if let previous = parsed.last, previous.nextOffset != base { throw damaged("segments are not contiguous") }
            parsed.append(Entry(baseOffset: base, nextOffset: next, maxTimestampMillis: maxTimestamp, sizeBytes: Int(size)))
        }
        entries = parsed
    }

    init(entries: [Entry]) {
        self.entries = entries
    }
}
