/// A simple filter `column op literal`, the form readers can check against statistics to skip
/// data (row groups, files, partitions) before decoding it.
public struct ColumnPredicate: Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    public var column: String
    public var op: Operator
    public var literal: Value

    public init(column: String, _ op: Operator, _ literal: Value) {
        self.column = column
        self.op = op
        self.literal = literal
    }

    /// Parses `col = 5`, `name != 'O''Brien'`, `day >= 2024-01-31`, `price < 10.5`.
    /// Quoted literals are strings; bare ones are integers, decimals or text, and are converted
    /// to the column's type when the predicate is applied.
    /// - Throws: `SluiceError` (user input) saying what is wrong with the text.
    public init(parsing text: String) throws {
        let operators: [Operator] = [.lessOrEqual, .greaterOrEqual, .notEqual, .equal, .less, .greater]
        var found: (Operator, Range<String.Index>)?
        var index = text.startIndex
        search: while index < text.endIndex {
            if text[index] == "'" { break }
            if text[index...].hasPrefix("<>") {
                found = (.notEqual, index..<text.index(index, offsetBy: 2))
                break
            }
            for candidate in operators where text[index...].hasPrefix(candidate.rawValue) {
                found = (candidate, index..<text.index(index, offsetBy: candidate.rawValue.count))
                break search
            }
            index = text.index(after: index)
        }
        guard let (op, range) = found else {
            throw SluiceError.userInput("predicate '\(text)' has no comparison; write it as column = value (or !=, <, <=, >, >=)")
        }
        let column = text[..<range.lowerBound].trimmed
        let literalText = text[range.upperBound...].trimmed
        guard !column.isEmpty, !literalText.isEmpty else {
            throw SluiceError.userInput("predicate '\(text)' needs a column on the left and a value on the right")
        }
        self.init(column: column, op, try ColumnPredicate.parseLiteral(literalText))
    }

    private static func parseLiteral(_ text: String) throws -> Value {
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'") else {
                throw SluiceError.userInput("unterminated quote in value \(text)")
            }
            return .string(String(text.dropFirst().dropLast()).replacingAll("''", with: "'"))
        }
        if text.uppercased() == "NULL" {
            throw SluiceError.userInput("comparisons with NULL match nothing; no predicate on NULL is supported here")
        }
        if let integer = Int64(text) { return .int64(integer) }
        if let scale = ColumnPredicate.decimalScale(text), let unscaled = Decimal128.parse(text, scale: scale) {
            return .decimal(unscaled, scale: scale)
        }
        if let double = Double(text) { return .float64(double) }
        if text.lowercased() == "true" { return .boolean(true) }
        if text.lowercased() == "false" { return .boolean(false) }
        return .string(text)
    }

    private static func decimalScale(_ text: String) -> Int? {
        guard let point = text.firstIndex(of: "."), text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        return text.distance(from: point, to: text.endIndex) - 1
    }

    /// The literal as a value of the column's type.
    /// - Throws: `SluiceError` (user input) when it cannot be one.
    public func literal(as type: DataType) throws -> Value {
        guard let value = literal.converted(to: type) else {
            throw SluiceError.userInput("value \(literal) cannot be compared with column '\(column)' of type \(type)")
        }
        return value
    }

    /// Whether a (non-null) value satisfies the predicate; the literal must already be of the
    /// value's type. Nulls never match, as in SQL.
    public func matches(_ value: Value, literal: Value) -> Bool {
        guard let order = value.compare(to: literal) else { return false }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }

    /// Whether any value in `[min, max]` could satisfy the predicate: the test used to skip a
    /// row group or a file from its statistics. Conservative: true when unsure.
    public func mayMatch(min: Value, max: Value, literal: Value) -> Bool {
        guard let lowOrder = min.compare(to: literal), let highOrder = max.compare(to: literal) else { return true }
        switch op {
        case .equal: return lowOrder <= 0 && highOrder >= 0
        case .notEqual: return !(lowOrder == 0 && highOrder == 0)
        case .less: return lowOrder < 0
        case .lessOrEqual: return lowOrder <= 0
        case .greater: return highOrder > 0
        case .greaterOrEqual: return highOrder >= 0
        }
    }

    public var description: String {
        let text: String
        if case .string(let string) = literal {
            text = "'" + string.replacingAll("'", with: "''") + "'"
        } else {
            text = literal.description
        }
        return "\(column) \(op.rawValue) \(text)"
    }
}

extension String {
    /// The string with every occurrence of `target` replaced (without Foundation).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
