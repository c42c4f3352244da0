import SluiceCore

/// Durations as `--retention` takes them: a whole number with a unit, `500ms`, `30s`, `15m`,
/// `12h`, `7d`, `2w`.
enum RetentionDuration {
    private static let units: [(suffix: String, millis: Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 604_800_000),
    ]

    /// The duration in the largest unit that holds it exactly (`7d`, `90m`), as `parseMillis` reads it.
    static func format(millis: Int64) -> String {
        guard millis > 0 else { return "\(millis)ms" }
        let unit = units.reversed().first { millis % $0.millis == 0 } ?? units[0]
        return "\(millis / unit.millis)\(unit.suffix)"
    }

    /// The duration in milliseconds.
    /// - Throws: `SluiceError.userInput` for text that is not a positive number and a unit.
    static func parseMillis(_ text: String) throws -> Int64 {
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
