/// What a segment found at a byte position of its log file.
enum LogBatchRead {
    /// A whole batch whose checksum matches.
    case batch(LogBatchHeader, [UInt8])
    /// The position is the end of the file.
    case end
    /// The bytes there are not a valid batch. `reachesEnd` is true when the damage runs to the
    /// end of the file, as a write cut short by a crash leaves it.
    case corrupt(reason: String, reachesEnd: Bool)
}
