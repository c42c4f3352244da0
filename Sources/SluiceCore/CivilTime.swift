/// Conversions between days or microseconds since the Unix epoch and the proleptic Gregorian
/// calendar, in UTC. Pure integer arithmetic (Howard Hinnant's civil-from-days algorithm), so
/// results do not depend on the machine's time zone or locale.
public enum CivilTime {
    public static let microsPerSecond: Int64 = 1_000_000
    public static let microsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 of a calendar date; nil when the month or day is out of range.
    public static func days(year: Int, month: Int, day: Int) -> Int32? {
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        guard let narrow = Int32(exactly: days) else { return nil }
        return narrow
    }

    /// The calendar date of a day number.
    public static func civil(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `YYYY-MM-DD`.
    public static func formatDate(days: Int32) -> String {
        let (year, month, day) = civil(days: Int64(days))
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC; the fraction only when non-zero.
    public static func formatTimestamp(micros: Int64) -> String {
        let (date, microsOfDay) = dateAndTimeText(micros: micros, separator: " ")
        var text = date
        let fraction = Int(microsOfDay % microsPerSecond)
        if fraction != 0 {
            var digits = pad(fraction, 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// ISO-8601 in UTC with exactly `fractionDigits` (0...6) digits after the seconds, cut (not
    /// rounded): `2024-01-31T12:00:00.250Z`.
    public static func formatISOTimestamp(micros: Int64, fractionDigits: Int) -> String {
        var (text, microsOfDay) = dateAndTimeText(micros: micros, separator: "T")
        if fractionDigits > 0 {
            text += "." + pad(Int(microsOfDay % microsPerSecond), 6).prefix(min(fractionDigits, 6))
        }
        return text + "Z"
    }

    /// `YYYY-MM-DD<separator>HH:MM:SS` and the microseconds into the day, for any instant
    /// (negative ones included).
    private static func dateAndTimeText(micros: Int64, separator: String) -> (String, Int64) {
        var days = micros / microsPerDay
        var microsOfDay = micros % microsPerDay
        if microsOfDay < 0 {
            microsOfDay += microsPerDay
            days -= 1
        }
        let (year, month, day) = civil(days: days)
        let seconds = Int(microsOfDay / microsPerSecond)
        let text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))\(separator)\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        return (text, microsOfDay)
    }

    /// Parses `YYYY-MM-DD`; nil for anything else.
    public static func parseDate<S: StringProtocol>(_ text: S) -> Int32? {
        var text = String(text)
        return text.withUTF8 { parseDate(utf8: $0) }
    }

    /// Parses `YYYY-MM-DD[T| ]HH:MM[:SS[.f{1,9}]][Z|+HH:MM|-HH:MM]` to microseconds in UTC
    /// (digits past microseconds are truncated); nil for anything else.
    public static func parseTimestamp<S: StringProtocol>(_ text: S) -> Int64? {
        var text = String(text)
        return text.withUTF8 { parseTimestamp(utf8: $0) }
    }

    /// `parseDate` over raw UTF-8 bytes, for readers that parse without making strings.
    public static func parseDate(utf8: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"),
              let year = digits(utf8, 0, 4), let month = digits(utf8, 5, 2), let day = digits(utf8, 8, 2)
        else { return nil }
        return days(year: year, month: month, day: day)
    }

    /// `parseTimestamp` over raw UTF-8 bytes, for readers that parse without making strings.
    public static func parseTimestamp(utf8: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard utf8.count >= 16, let day = parseDate(utf8: UnsafeBufferPointer(rebasing: utf8[0..<10])),
              utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: " "),
              utf8[13] == UInt8(ascii: ":"),
              let hour = digits(utf8, 11, 2), let minute = digits(utf8, 14, 2), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        var fractionMicros = 0
        if index < utf8.count, utf8[index] == UInt8(ascii: ":") {
            guard let parsed = digits(utf8, index + 1, 2), parsed < 60 else { return nil }
            second = parsed
            index += 3
            if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
                index += 1
                var digitCount = 0
                while index < utf8.count, let digit = digitValue(utf8[index]) {
                    if digitCount < 6 { fractionMicros = fractionMicros * 10 + digit }
                    digitCount += 1
                    index += 1
                }
                guard (1...9).contains(digitCount) else { return nil }
                // Fewer than six digits are tenths, hundredths, ...: scale them up to micros.
                for _ in min(digitCount, 6)..<6 { fractionMicros *= 10 }
            }
        }
        var offsetSeconds = 0
        if index < utf8.count {
            let sign = utf8[index]
            if sign == UInt8(ascii: "Z"), index == utf8.count - 1 {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                guard utf8.count == index + 6, utf8[index + 3] == UInt8(ascii: ":"),
                      let offsetHours = digits(utf8, index + 1, 2), let offsetMinutes = digits(utf8, index + 4, 2)
                else { return nil }
                offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
                index = utf8.count
            } else {
                return nil
            }
        }
        let seconds = Int64(day) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * microsPerSecond + Int64(fractionMicros)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func digits(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= utf8.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            guard let digit = digitValue(utf8[index]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
