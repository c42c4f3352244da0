/// The text and unit of an `INTERVAL` literal: `INTERVAL '90' DAY` is ("90", .day); the unit-less
/// `INTERVAL '1 day'` is ("1 day", nil) and leaves the text for the binder to read.
public struct IntervalLiteral: Hashable, Sendable, CustomStringConvertible {
    public var value: String
    public var unit: DateTimeField?

    public init(value: String, unit: DateTimeField?) {
        self.value = value
        self.unit = unit
    }

    public var description: String {
        let quoted = "INTERVAL " + SQLText.quotedString(value)
        return unit.map { "\(quoted) \($0)" } ?? quoted
    }
}
