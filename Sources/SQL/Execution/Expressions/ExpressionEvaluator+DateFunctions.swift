import SluiceCore

/// `EXTRACT` and day/month arithmetic on DATE (days since 1970-01-01) and TIMESTAMP
/// (microseconds since the epoch, UTC), with the proleptic Gregorian calendar of `CivilTime`.
extension ExpressionEvaluator {
    /// `extract(part FROM d)` as INT64.
    static func extract(_ part: DatePart, _ value: Datum, count: Int, expression: PhysicalExpression) throws -> Datum {
        let column = value.materialized(count: count)
        let parts: [Int64]
        switch column.values {
        case .int32(let days) where column.type == .date:
            parts = days.map { part.isTimeOfDay ? 0 : datePart(part, days: Int64($0)) }
        case .int64(let micros) where column.type == .timestamp:
            parts = micros.map { micros in
                let days = floorDivide(micros, CivilTime.microsPerDay)
                let microsOfDay = micros - days * CivilTime.microsPerDay
                switch part {
                case .hour: return microsOfDay / 3_600_000_000
                case .minute: return microsOfDay / 60_000_000 % 60
                case .second: return microsOfDay / 1_000_000 % 60
                default: return datePart(part, days: days)
                }
            }
        default:
            throw SluiceError.internal("extract(\(part.name)) needs a DATE or TIMESTAMP, got \(column.type) in \(expression)")
        }
        return .column(Column.cleaned(type: .int64, values: .int64(parts), validity: column.validity))
    }

    private static func datePart(_ part: DatePart, days: Int64) -> Int64 {
        switch part {
        case .dayOfWeek:
            // 1970-01-01 was a Thursday (4).
            let weekday = (days + 4) % 7
            return weekday < 0 ? weekday + 7 : weekday
        case .hour, .minute, .second:
            return 0
        default:
            let (year, month, day) = CivilTime.civil(days: days)
            switch part {
            case .year: return Int64(year)
            case .quarter: return Int64((month - 1) / 3 + 1)
            case .month: return Int64(month)
            case .day: return Int64(day)
            case .dayOfYear: return days - Int64(CivilTime.days(year: year, month: 1, day: 1) ?? 0) + 1
            default: preconditionFailure("handled above")
            }
        }
    }

    /// `date_add_days(d, n)`.
    static func addDays(_ value: Datum, _ dayCounts: Datum, count: Int, expression: PhysicalExpression) throws -> Datum {
        switch value.type {
        case .date:
            return try shiftDates(value, by: dayCounts, unit: "days", count: count, expression: expression) { day, added in
                let (sum, overflow) = Int64(day).addingReportingOverflow(added)
                return overflow ? nil : Int32(exactly: sum)
            }
        case .timestamp:
            return try shiftTimestamps(value, by: dayCounts, unit: "days", count: count, expression: expression) { instant, added in
                let (shift, shiftOverflow) = added.multipliedReportingOverflow(by: CivilTime.microsPerDay)
                let (sum, overflow) = instant.addingReportingOverflow(shift)
                return shiftOverflow || overflow ? nil : sum
            }
        default:
            throw SluiceError.internal("date_add_days needs a DATE or TIMESTAMP, got \(value.type) in \(expression)")
        }
    }

    /// `date_add_months(d, n)`: the same day of the month `n` months later, clamped to the
    /// month's last day; a timestamp keeps its time of day.
    static func addMonths(_ value: Datum, _ monthCounts: Datum, count: Int, expression: PhysicalExpression) throws -> Datum {
        switch value.type {
        case .date:
            return try shiftDates(value, by: monthCounts, unit: "months", count: count, expression: expression) { day, months in
                movedByMonths(days: Int64(day), months: months)
            }
        case .timestamp:
            return try shiftTimestamps(value, by: monthCounts, unit: "months", count: count, expression: expression) { instant, months in
                movedByMonths(micros: instant, months: months)
            }
        default:
            throw SluiceError.internal("date_add_months needs a DATE or TIMESTAMP, got \(value.type) in \(expression)")
        }
    }

    /// DATEs moved by `shift` (nil when the result leaves the DATE range, an error).
    @inline(__always)
    private static func shiftDates(
        _ value: Datum, by amounts: Datum, unit: String, count: Int, expression: PhysicalExpression,
        _ shift: (Int32, Int64) -> Int32?
    ) throws -> Datum {
        let column = value.materialized(count: count)
        guard case .int32(let days) = column.values else { preconditionFailure("DATE column without Int32 values") }
        let validity = ValidityBitmap.intersection(column.validity, amounts.validity)
        let amountOperand = amounts.int64Operand()
        let (values, anyFailed) = VectorKernels.map(Operand.vector(days), amountOperand, count: count) { day, amount -> (Int32, Bool) in
            guard let moved = shift(day, amount) else { return (0, true) }
            return (moved, false)
        }
        if anyFailed {
            try reportDateOverflow(column, amounts, validity: validity, unit: unit, expression: expression) { row, amount in
                shift(days[row], amount) == nil
            }
        }
        return .column(Column.cleaned(type: .date, values: .int32(values), validity: validity))
    }

    /// TIMESTAMPs moved by `shift` (nil when the result leaves the TIMESTAMP range, an error).
    @inline(__always)
    private static func shiftTimestamps(
        _ value: Datum, by amounts: Datum, unit: String, count: Int, expression: PhysicalExpression,
        _ shift: (Int64, Int64) -> Int64?
    ) throws -> Datum {
        let column = value.materialized(count: count)
        guard case .int64(let micros) = column.values else { preconditionFailure("TIMESTAMP column without Int64 values") }
        let validity = ValidityBitmap.intersection(column.validity, amounts.validity)
        let amountOperand = amounts.int64Operand()
        let (values, anyFailed) = VectorKernels.map(Operand.vector(micros), amountOperand, count: count) { instant, amount -> (Int64, Bool) in
            guard let moved = shift(instant, amount) else { return (0, true) }
            return (moved, false)
        }
        if anyFailed {
            try reportDateOverflow(column, amounts, validity: validity, unit: unit, expression: expression) { row, amount in
                shift(micros[row], amount) == nil
            }
        }
        return .column(Column.cleaned(type: .timestamp, values: .int64(values), validity: validity))
    }

    static func movedByMonths(days: Int64, months: Int64) -> Int32? {
        guard abs(months) < 12 * 1_000_000 else { return nil }
        let (year, month, day) = CivilTime.civil(days: days)
        let monthIndex = Int64(year) * 12 + Int64(month - 1) + months
        let newYear = Int(monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12)
        let newMonth = Int(monthIndex - Int64(newYear) * 12) + 1
        let newDay = min(day, CivilTime.daysInMonth(year: newYear, month: newMonth))
        return CivilTime.days(year: newYear, month: newMonth, day: newDay)
    }

    private static func movedByMonths(micros: Int64, months: Int64) -> Int64? {
        let days = floorDivide(micros, CivilTime.microsPerDay)
        let microsOfDay = micros - days * CivilTime.microsPerDay
        guard let moved = movedByMonths(days: days, months: months) else { return nil }
        let (shifted, overflow) = Int64(moved).multipliedReportingOverflow(by: CivilTime.microsPerDay)
        guard !overflow else { return nil }
        let (result, addOverflow) = shifted.addingReportingOverflow(microsOfDay)
        return addOverflow ? nil : result
    }

    /// Finds the first valid row `failed` says left the range and throws naming it.
    private static func reportDateOverflow(
        _ column: Column, _ amounts: Datum, validity: ValidityBitmap?, unit: String, expression: PhysicalExpression,
        _ failed: (Int, Int64) -> Bool
    ) throws {
        for row in 0..<column.count where validity?.isValid(row) ?? true {
            guard case .int64(let amount) = amounts.value(at: row), failed(row, amount) else { continue }
            throw failure("date out of range", in: expression).appending(" (\(column[row]) + \(amount) \(unit))")
        }
    }
}
