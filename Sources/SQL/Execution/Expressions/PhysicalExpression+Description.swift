import SluiceCore

/// SQL text of an expression, used in error messages ("integer overflow in a * 2") and plans.
/// Parentheses appear only where precedence needs them.
extension PhysicalExpression {
    public var description: String { rendered }

    /// Binding strength when printing: higher binds tighter; operands are wrapped in
    /// parentheses when they bind more loosely than their parent needs.
    private var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .not: 3
        case .comparison, .isNull, .between, .inList, .like: 4
        case .function(.concatOperator, _, _): 5
        case .arithmetic(let op, _, _, _): op.precedence
        case .column, .literal, .caseWhen, .cast, .function: 10
        }
    }

    private func wrapped(atLeast minimum: Int) -> String {
        precedence < minimum ? "(\(rendered))" : rendered
    }

    private var rendered: String {
        switch self {
        case .column(_, _, let name):
            return name
        case .literal(let value, _):
            return PhysicalExpression.sqlLiteral(value)
        case .arithmetic(let op, let left, let right, _):
            return "\(left.wrapped(atLeast: op.precedence)) \(op.symbol) \(right.wrapped(atLeast: op.precedence + 1))"
        case .comparison(let op, let left, let right):
            return "\(left.wrapped(atLeast: 5)) \(op.symbol) \(right.wrapped(atLeast: 5))"
        case .and(let operands):
            return operands.map { $0.wrapped(atLeast: 3) }.joined(separator: " AND ")
        case .or(let operands):
            return operands.map { $0.wrapped(atLeast: 2) }.joined(separator: " OR ")
        case .not(let operand):
            return "NOT \(operand.wrapped(atLeast: 4))"
        case .isNull(let operand, let negated):
            return "\(operand.wrapped(atLeast: 5)) IS \(negated ? "NOT " : "")NULL"
        case .between(let value, let low, let high, let negated):
            return "\(value.wrapped(atLeast: 5)) \(negated ? "NOT " : "")BETWEEN \(low.wrapped(atLeast: 5)) AND \(high.wrapped(atLeast: 5))"
        case .inList(let value, let list, let negated):
            return "\(value.wrapped(atLeast: 5)) \(negated ? "NOT " : "")IN (\(list.map(\.rendered).joined(separator: ", ")))"
        case .like(let value, let pattern, let escape, let negated):
            let escapeText = escape.map { " ESCAPE \(PhysicalExpression.sqlLiteral(.string(String($0))))" } ?? ""
            return "\(value.wrapped(atLeast: 5)) \(negated ? "NOT " : "")LIKE \(pattern.wrapped(atLeast: 5))\(escapeText)"
        case .caseWhen(let operand, let branches, let otherwise, _):
            var text = "CASE"
            if let operand { text += " \(operand.rendered)" }
            for branch in branches { text += " WHEN \(branch.when.rendered) THEN \(branch.then.rendered)" }
            if let otherwise { text += " ELSE \(otherwise.rendered)" }
            return text + " END"
        case .cast(let operand, let type):
            return "CAST(\(operand.rendered) AS \(type))"
        case .function(.concatOperator, let arguments, _):
            return arguments.map { $0.wrapped(atLeast: 6) }.joined(separator: " || ")
        case .function(.extract(let part), let arguments, _):
            return "extract(\(part.name) FROM \(arguments.map(\.rendered).joined(separator: ", ")))"
        case .function(let function, let arguments, _):
            return "\(function.name)(\(arguments.map(\.rendered).joined(separator: ", ")))"
        }
    }

    /// A value as a SQL literal: strings quoted with `'` doubled, dates and timestamps typed.
    static func sqlLiteral(_ value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .boolean(let flag): return flag ? "TRUE" : "FALSE"
        case .string(let text): return "'" + text.replacing("'", with: "''") + "'"
        case .binary: return "X'\(value.description)'"
        case .date: return "DATE '\(value.description)'"
        case .timestamp: return "TIMESTAMP '\(value.description)'"
        case .int32, .int64, .float64, .decimal: return value.description
        }
    }
}
