import SluiceCore

/// Durations as `--retention` takes them: a whole number with a unit, `500ms`, `30s`, `15m`,
/// `12h`, `7d`, `2w`.
enum RetentionDuration {
    /// The duration in milliseconds.
    /// - Throws: `SluiceError.userInput` for text that is not a positive number and a unit.
    static func parseMillis(_ text: String) throws -> Int64 {
        let units: [(suffix: String, millis: Int64)] = [
            ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 604_800_000),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            // "5ms" also ends in "s": only take the unit whose prefix is a number.
            guard let count = Int64(number), count > 0 else { continue }
            let (millis, overflow) = count.multipliedReportingOverflow(by: unit.millis)
            guard !overflow else { break }
            return millis
        }
        throw SluiceError.userInput("'\(text)' is not a duration; write a whole number and a unit: 500ms, 30s, 15m, 12h, 7d, 2w")
    }
}
