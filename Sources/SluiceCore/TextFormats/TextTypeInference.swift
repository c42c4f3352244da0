/// The type inference state of one text column: which types every value seen so far still
/// fits. A column starts able to be anything and narrows with each non-empty value; at the end
/// the narrowest remaining type wins, in the order INT64, FLOAT64, DATE, TIMESTAMP, BOOLEAN,
/// and STRING when nothing else fits or no value was seen.
struct TextTypeInference: Sendable {
    private struct Candidates: OptionSet {
        let rawValue: UInt8
        static let int64 = Candidates(rawValue: 1 << 0)
        static let float64 = Candidates(rawValue: 1 << 1)
        static let date = Candidates(rawValue: 1 << 2)
        static let timestamp = Candidates(rawValue: 1 << 3)
        static let boolean = Candidates(rawValue: 1 << 4)
        static let all: Candidates = [.int64, .float64, .date, .timestamp, .boolean]
    }

    private var candidates = Candidates.all
    private(set) var hasSeenValue = false

    /// Whether every value so far can only be text, so further values need no checking.
    var isText: Bool { hasSeenValue && candidates.isEmpty }

    /// Narrows the candidates by one non-empty value in text form.
    mutating func observe(_ text: UnsafeBufferPointer<UInt8>) {
        hasSeenValue = true
        guard !candidates.isEmpty else { return }
        if candidates.contains(.int64) || candidates.contains(.float64), TextFieldParser.hasRedundantLeadingZero(text) {
            candidates.subtract([.int64, .float64])
        }
        if candidates.contains(.int64), TextFieldParser.parseInt64(text) == nil {
            candidates.remove(.int64)
        }
        if candidates.contains(.float64), TextFieldParser.parseFloat64(text) == nil {
            candidates.remove(.float64)
        }
        if candidates.contains(.date), CivilTime.parseDate(utf8: text) == nil {
            candidates.remove(.date)
        }
        if candidates.contains(.timestamp), TextFieldParser.parseTimestampOrDate(text) == nil {
            candidates.remove(.timestamp)
        }
        if candidates.contains(.boolean), TextFieldParser.parseBoolean(text) == nil {
            candidates.remove(.boolean)
        }
    }

    /// Records a value that only a text column can hold (a JSON object or array, or a JSON
    /// value whose kind differs from the column's other values).
    mutating func observeText() {
        hasSeenValue = true
        candidates = []
    }

    /// Records a JSON number: it may only stay numeric.
    mutating func observeNumber(isInteger: Bool) {
        hasSeenValue = true
        candidates.formIntersection(isInteger ? [.int64, .float64] : [.float64])
    }

    /// Records a JSON `true` or `false`.
    mutating func observeBoolean() {
        hasSeenValue = true
        candidates.formIntersection(.boolean)
    }

    /// Records a JSON string: it may be a date or a timestamp, never a number or a boolean.
    mutating func observeJSONString(_ text: UnsafeBufferPointer<UInt8>) {
        hasSeenValue = true
        candidates.formIntersection([.date, .timestamp])
        guard !candidates.isEmpty else { return }
        observe(text)
    }

    /// The narrowest type that holds every value seen; STRING when none was seen.
    var inferredType: DataType {
        guard hasSeenValue else { return .string }
        if candidates.contains(.int64) { return .int64 }
        if candidates.contains(.float64) { return .float64 }
        if candidates.contains(.date) { return .date }
        if candidates.contains(.timestamp) { return .timestamp }
        if candidates.contains(.boolean) { return .boolean }
        return .string
    }
}
