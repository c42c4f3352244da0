import Testing

/// Exact comparison of canonical value lists, reporting where they part.
enum ValueComparison {
    /// Records an issue naming the first few rows where `actual` differs from `expected`.
    /// Strings compare by their UTF-8 bytes: Swift's `==` would call different normalizations
    /// of the same text equal, and a reader that changed the bytes must not pass.
    static func expectSame(_ actual: [String?], _ expected: [String?], _ context: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        if actual.count != expected.count {
            Issue.record("\(context): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
        }
        var differences: [String] = []
        var differenceCount = 0
        for row in 0..<min(actual.count, expected.count) where !sameBytes(actual[row], expected[row]) {
            differenceCount += 1
            if differences.count < 5 {
                differences.append("row \(row): got \(show(actual[row])), expected \(show(expected[row]))")
            }
        }
        if differenceCount > 0 {
            Issue.record("\(context): \(differenceCount) rows differ; \(differences.joined(separator: "; "))",
                         sourceLocation: sourceLocation)
        }
    }

    static func sameBytes(_ left: String?, _ right: String?) -> Bool {
        switch (left, right) {
        case (nil, nil): true
        case (let left?, let right?): left.utf8.elementsEqual(right.utf8)
        default: false
        }
    }

    private static func show(_ text: String?) -> String {
        guard let text else { return "null" }
        return text.debugDescription
    }
}
