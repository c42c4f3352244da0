import SluiceCore

extension Dataset where Element == String {
    /// Every element cut at `separator` into its non-empty pieces, all pieces in order: the same
    /// as `flatMap { $0.split(separator: separator).map(String.init) }` (SQL's `split` then
    /// `unnest`), but built in. On lines read by `textFile` it cuts the file's bytes directly,
    /// without making a string per line or an array per line.
    ///
    /// - Parameter separator: an ASCII character (a space, a comma, a tab...).
    @inlinable
    public func split(separator: Character) -> Dataset<String> {
        precondition(separator.isASCII, "split(separator:) takes an ASCII separator")
        let separatorByte = separator.asciiValue!
        if let lines = utf8Source, !isCached {
            let pieces = UTF8ElementSource { task, partition, body in
                try lines.forEach(task, partition: partition) { line in
                    try TextPieces.forEachPiece(of: line, separator: separatorByte, body)
                }
            }
            return Dataset(context: context, name: "split", partitionCount: partitionCount, dependencies: [.narrow(self)],
                           locations: { self.preferredLocations(partition: $0) }, utf8Source: pieces) { task, partition, emit in
                try pieces.forEach(task, partition: partition) { try emit(String(decoding: $0, as: UTF8.self)) }
            }
        }
        return derived("split") { task, partition, emit in
            try self.compute(task, partition: partition) { element in
                var element = element
                try element.withUTF8 { utf8 in
                    try TextPieces.forEachPiece(of: UnsafeRawBufferPointer(utf8), separator: separatorByte) {
                        try emit(String(decoding: $0, as: UTF8.self))
                    }
                }
            }
        }
    }
}

/// Cutting UTF-8 bytes at an ASCII separator (which never occurs inside a multi-byte character).
public enum TextPieces {
    /// Calls `body` with each non-empty run of bytes between separators.
    @inlinable
    public static func forEachPiece(of bytes: UnsafeRawBufferPointer, separator: UInt8,
                                    _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] == separator {
                if index > start { try body(UnsafeRawBufferPointer(rebasing: bytes[start..<index])) }
                start = index + 1
            }
            index += 1
        }
        if count > start { try body(UnsafeRawBufferPointer(rebasing: bytes[start..<count])) }
    }
}
