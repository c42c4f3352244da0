import SluiceCore

/// Typed reads: nil for a null value, an error naming the column when the value is of another
/// kind. Integers widen (INT32 to `Int`, integers to `Double`); nothing narrows or parses text.
extension Row {
    /// An INT32 or INT64 value.
    public func int(_ name: String) throws -> Int? { try int(at: index(of: name)) }

    public func int(at index: Int) throws -> Int? {
        switch values[index] {
        case .null: return nil
        case .int32(let value): return Int(value)
        case .int64(let value): return Int(value)
        default: throw mismatch(index, wanted: "an integer")
        }
    }

    /// A FLOAT64 value, or an integer or decimal one as a double.
    public func double(_ name: String) throws -> Double? { try double(at: index(of: name)) }

    public func double(at index: Int) throws -> Double? {
        switch values[index] {
        case .null: return nil
        case .float64(let value): return value
        case .int32(let value): return Double(value)
        case .int64(let value): return Double(value)
        case .decimal(let unscaled, let scale):
            var divisor = 1.0
            for _ in 0..<scale { divisor *= 10 }
            return Double(unscaled) / divisor
        default: throw mismatch(index, wanted: "a number")
        }
    }

    /// A STRING value.
    public func string(_ name: String) throws -> String? { try string(at: index(of: name)) }

    public func string(at index: Int) throws -> String? {
        switch values[index] {
        case .null: return nil
        case .string(let value): return value
        default: throw mismatch(index, wanted: "a string")
        }
    }

    /// A BOOLEAN value.
    public func bool(_ name: String) throws -> Bool? { try bool(at: index(of: name)) }

    public func bool(at index: Int) throws -> Bool? {
        switch values[index] {
        case .null: return nil
        case .boolean(let value): return value
        default: throw mismatch(index, wanted: "a boolean")
        }
    }

    /// A DATE value as days since 1970-01-01.
    public func date(_ name: String) throws -> Int32? { try date(at: index(of: name)) }

    public func date(at index: Int) throws -> Int32? {
        switch values[index] {
        case .null: return nil
        case .date(let days): return days
        default: throw mismatch(index, wanted: "a date")
        }
    }

    /// A TIMESTAMP value as microseconds since the epoch (UTC); a DATE as its midnight.
    public func timestamp(_ name: String) throws -> Int64? { try timestamp(at: index(of: name)) }

    public func timestamp(at index: Int) throws -> Int64? {
        switch values[index] {
        case .null: return nil
        case .timestamp(let micros): return micros
        case .date(let days): return Int64(days) * CivilTime.microsPerDay
        default: throw mismatch(index, wanted: "a timestamp")
        }
    }

    private func mismatch(_ index: Int, wanted: String) -> SluiceError {
        let field = schema.fields[index]
        return SluiceError.userInput("column '\(field.name)' is \(field.type) (value \(values[index])), not \(wanted)",
                                     at: SourceLocation(field: field.name))
    }
}
