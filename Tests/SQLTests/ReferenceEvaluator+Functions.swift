import SluiceCore
@testable import SQL

extension ReferenceEvaluator {
    /// A function's value at one row and the type it has before the cast to the result type.
    func call(_ function: ScalarFunction, _ arguments: [PhysicalExpression], _ resultType: DataType, _ row: Int) throws -> (Value, DataType) {
        switch function {
        case .coalesce:
            for argument in arguments {
                let value = try value(argument, row)
                if !value.isNull { return (try cast(value, from: argument.type, to: resultType), resultType) }
            }
            return (.null, resultType)
        case .mod:
            return (try value(.arithmetic(.modulo, arguments[0], arguments[1], resultType: resultType), row), resultType)
        case .nullIf:
            let (first, second) = (try value(arguments[0], row), try value(arguments[1], row))
            let order = try compare(first, arguments[0].type, ReferenceEvaluator.isConstant(arguments[0]),
                                    second, arguments[1].type, ReferenceEvaluator.isConstant(arguments[1]))
            return (order == 0 ? .null : first, arguments[0].type)
        case .concat:
            var text = ""
            for argument in arguments {
                if case .string(let part) = try cast(try value(argument, row), from: argument.type, to: .string) { text += part }
            }
            return (.string(text), .string)
        default:
            break
        }
        let values = try arguments.map { try value($0, row) }
        if values.contains(where: \.isNull) { return (.null, resultType) }
        let first = values[0]
        switch function {
        case .lower, .upper:
            guard case .string(let text) = first else { break }
            return (.string(function == .lower ? text.lowercased() : text.uppercased()), .string)
        case .length:
            guard case .string(let text) = first else { break }
            return (.int64(Int64(text.unicodeScalars.count)), .int64)
        case .trim, .leftTrim, .rightTrim:
            guard case .string(let text) = first else { break }
            var characters: Set<Unicode.Scalar> = [" "]
            if values.count > 1, case .string(let set) = values[1] { characters = Set(set.unicodeScalars) }
            var scalars = Array(text.unicodeScalars)[...]
            if function != .rightTrim { while let head = scalars.first, characters.contains(head) { scalars.removeFirst() } }
            if function != .leftTrim { while let tail = scalars.last, characters.contains(tail) { scalars.removeLast() } }
            return (.string(String(String.UnicodeScalarView(scalars))), .string)
        case .concatOperator:
            let parts = try zip(values, arguments).map { value, argument -> String in
                guard case .string(let text) = try cast(value, from: argument.type, to: .string) else { return "" }
                return text
            }
            return (.string(parts.joined()), .string)
        case .substring:
            guard case .string(let text) = first else { break }
            let start = ReferenceEvaluator.exactParts(try cast(values[1], from: arguments[1].type, to: .int64)).0
            let length = values.count > 2 ? ReferenceEvaluator.exactParts(try cast(values[2], from: arguments[2].type, to: .int64)).0 : Int128(UInt32.max)
            return (.string(ReferenceEvaluator.substring(text, start: Int(start), length: Int(length))), .string)
        case .extract(let part):
            return (.int64(ReferenceEvaluator.extract(part, first)), .int64)
        case .dateAddDays, .dateAddMonths:
            let amount = Int(ReferenceEvaluator.exactParts(try cast(values[1], from: arguments[1].type, to: .int64)).0)
            return (try ReferenceEvaluator.shift(first, by: amount, months: function == .dateAddMonths), arguments[0].type)
        case .abs:
            switch first {
            case .float64(let number): return (.float64(Swift.abs(number)), .float64)
            case .int32(let number):
                guard number != Int32.min else { throw ReferenceFailure(message: "abs overflow") }
                return (.int32(Swift.abs(number)), .int32)
            case .int64(let number):
                guard number != Int64.min else { throw ReferenceFailure(message: "abs overflow") }
                return (.int64(Swift.abs(number)), .int64)
            case .decimal(let unscaled, let scale): return (.decimal(Swift.abs(unscaled), scale: scale), arguments[0].type)
            default: break
            }
        case .round:
            let places = values.count > 1 ? Int(ReferenceEvaluator.exactParts(try cast(values[1], from: arguments[1].type, to: .int64)).0) : 0
            return try round(first, arguments[0].type, places: places)
        case .floor, .ceil:
            switch first {
            case .float64(let number): return (.float64(number.rounded(function == .floor ? .down : .up)), .float64)
            case .decimal(let unscaled, let scale):
                let divisor = Decimal128.powerOfTen(scale)
                var (quotient, remainder) = unscaled.quotientAndRemainder(dividingBy: divisor)
                if remainder != 0, function == .floor, unscaled < 0 { quotient -= 1 }
                if remainder != 0, function == .ceil, unscaled > 0 { quotient += 1 }
                remainder = 0
                guard case .decimal(let precision, _) = arguments[0].type else { break }
                return (.decimal(quotient, scale: 0), .decimal(precision: precision, scale: 0))
            default: return (first, arguments[0].type)
            }
        default:
            break
        }
        throw ReferenceFailure(message: "the reference has no \(function.name) for \(values)")
    }

    private func round(_ value: Value, _ type: DataType, places: Int) throws -> (Value, DataType) {
        if case .float64(let number) = value {
            if places == 0 { return (.float64(number.rounded(.toNearestOrAwayFromZero)), .float64) }
            if places > 0 {
                let factor = ReferenceEvaluator.powerOfTenDouble(places)
                let rounded = (number * factor).rounded(.toNearestOrAwayFromZero) / factor
                return (.float64(rounded.isFinite ? rounded : number), .float64)
            }
            let factor = ReferenceEvaluator.powerOfTenDouble(-places)
            return (.float64((number / factor).rounded(.toNearestOrAwayFromZero) * factor), .float64)
        }
        let (unscaled, scale) = ReferenceEvaluator.exactParts(value)
        if places >= scale { return (value, type) }
        let targetScale = Swift.max(places, 0)
        var result = ReferenceEvaluator.roundHalfAway(unscaled, droppingDigits: scale - places)
        if places < 0 { result *= Decimal128.powerOfTen(-places) }
        guard let (precision, _) = TypeCoercion.decimalShape(of: type) else { preconditionFailure("not a number") }
        let rounded = Value.decimal(result, scale: targetScale)
        let naturalType: DataType = type.isInteger ? type : .decimal(precision: precision, scale: targetScale)
        return (try cast(rounded, from: .decimal(precision: 38, scale: targetScale), to: naturalType), naturalType)
    }

    /// DuckDB's substring on code points, written as "characters `from ..< to` of the text".
    static func substring(_ text: String, start: Int, length: Int) -> String {
        let characters = Array(text.unicodeScalars)
        let count = characters.count
        var from: Int
        var length = length
        if start > 0 {
            from = Swift.min(count, start - 1)
        } else if start < 0 {
            from = Swift.max(count + start, 0)
        } else {
            from = 0
            length -= 1
            if length <= 0 { return "" }
        }
        var to = length > 0 ? Swift.min(count, from + length) : from
        if length < 0 {
            to = from
            from = Swift.max(0, from + length)
        }
        guard from < to else { return "" }
        return String(String.UnicodeScalarView(characters[from..<to]))
    }

    static func extract(_ part: DatePart, _ value: Value) -> Int64 {
        var days: Int64
        var microsOfDay: Int64 = 0
        switch value {
        case .date(let day): days = Int64(day)
        case .timestamp(let micros):
            days = micros / CivilTime.microsPerDay
            microsOfDay = micros % CivilTime.microsPerDay
            if microsOfDay < 0 {
                days -= 1
                microsOfDay += CivilTime.microsPerDay
            }
        default: preconditionFailure("not a date")
        }
        let (year, month, day) = CivilTime.civil(days: days)
        switch part {
        case .year: return Int64(year)
        case .quarter: return Int64((month + 2) / 3)
        case .month: return Int64(month)
        case .day: return Int64(day)
        case .dayOfWeek: return ((days % 7) + 7 + 4) % 7
        case .dayOfYear:
            var dayOfYear = day
            for earlier in stride(from: 1, to: month, by: 1) { dayOfYear += CivilTime.daysInMonth(year: year, month: earlier) }
            return Int64(dayOfYear)
        case .hour: return microsOfDay / 3_600_000_000
        case .minute: return microsOfDay / 60_000_000 % 60
        case .second: return microsOfDay / 1_000_000 % 60
        }
    }

    static func shift(_ value: Value, by amount: Int, months: Bool) throws -> Value {
        func moveDays(_ days: Int64) throws -> Int64 {
            guard months else { return days + Int64(amount) }
            let (year, month, day) = CivilTime.civil(days: days)
            let total = year * 12 + (month - 1) + amount
            let newYear = Int((Double(total) / 12).rounded(.down))
            let newMonth = total - newYear * 12 + 1
            let newDay = Swift.min(day, CivilTime.daysInMonth(year: newYear, month: newMonth))
            guard let moved = CivilTime.days(year: newYear, month: newMonth, day: newDay) else { throw ReferenceFailure(message: "date range") }
            return Int64(moved)
        }
        switch value {
        case .date(let days):
            guard let moved = Int32(exactly: try moveDays(Int64(days))) else { throw ReferenceFailure(message: "date range") }
            return .date(moved)
        case .timestamp(let micros):
            var days = micros / CivilTime.microsPerDay
            var microsOfDay = micros % CivilTime.microsPerDay
            if microsOfDay < 0 {
                days -= 1
                microsOfDay += CivilTime.microsPerDay
            }
            return .timestamp(try moveDays(days) * CivilTime.microsPerDay + microsOfDay)
        default:
            preconditionFailure("not a date")
        }
    }

    /// LIKE by dynamic programming over code points.
    static func like(_ text: String, _ pattern: String, escape: Character?) throws -> Bool {
        enum Token: Equatable { case scalar(Unicode.Scalar), one, many }
        var tokens: [Token] = []
        let escapeScalar = escape?.unicodeScalars.first
        var scalars = pattern.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == escapeScalar {
                guard let escaped = scalars.next() else { throw ReferenceFailure(message: "pattern ends with escape") }
                tokens.append(.scalar(escaped))
            } else if scalar == "%" {
                tokens.append(.many)
            } else if scalar == "_" {
                tokens.append(.one)
            } else {
                tokens.append(.scalar(scalar))
            }
        }
        let characters = Array(text.unicodeScalars)
        // matches[i][j]: characters[i...] matches tokens[j...].
        var matches = [[Bool]](repeating: [Bool](repeating: false, count: tokens.count + 1), count: characters.count + 1)
        matches[characters.count][tokens.count] = true
        for i in stride(from: characters.count, through: 0, by: -1) {
            for j in stride(from: tokens.count - 1, through: 0, by: -1) {
                switch tokens[j] {
                case .many: matches[i][j] = matches[i][j + 1] || (i < characters.count && matches[i + 1][j])
                case .one: matches[i][j] = i < characters.count && matches[i + 1][j + 1]
                case .scalar(let scalar): matches[i][j] = i < characters.count && characters[i] == scalar && matches[i + 1][j + 1]
                }
            }
        }
        return matches[0][0]
    }
}
