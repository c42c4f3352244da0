import SluiceCore

/// Durations in table properties, written as Spark calendar intervals: `interval 7 days`,
/// `interval 1 week`, `interval 24 hours`, or several parts (`interval 1 day 12 hours`).
enum DeltaInterval {
    private static let unitMillis: [String: Int64] = [
        "millisecond": 1, "second": 1000, "minute": 60_000, "hour": 3_600_000, "day": 86_400_000, "week": 604_800_000,
    ]

    /// The interval's length in milliseconds, or nil when the text is not an interval of fixed
    /// length (months and years vary, so they are refused).
    static func milliseconds(parsing text: String) -> Int64? {
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.first == "interval" { words.removeFirst() }
        guard !words.isEmpty, words.count % 2 == 0 else { return nil }
        var total: Int64 = 0
        for index in stride(from: 0, to: words.count, by: 2) {
            var unit = words[index + 1]
            if unit.hasSuffix("s") { unit.removeLast() }
            guard let count = Int64(words[index]), count >= 0, let millis = unitMillis[unit] else { return nil }
            let (product, productOverflow) = count.multipliedReportingOverflow(by: millis)
            let (sum, sumOverflow) = total.addingReportingOverflow(product)
            guard !productOverflow, !sumOverflow else { return nil }
            total = sum
        }
        return total
    }
}
