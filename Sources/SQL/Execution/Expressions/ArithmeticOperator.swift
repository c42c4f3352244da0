/// A binary arithmetic operator. Result types follow DuckDB (see `TypeCoercion.arithmeticResultType`).
public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    /// `/`: as in DuckDB, floating-point division for every numeric type (the result is FLOAT64,
    /// and `1 / 0` is infinity).
    case divide = "/"
    /// `//`: integer division truncating toward zero; integers only; a zero divisor is an error.
    case integerDivide = "//"
    /// `%`: the remainder, with the sign of the dividend; a zero divisor is an error on integers
    /// and decimals and NaN on doubles.
    case modulo = "%"

    /// The operator as written in SQL.
    public var symbol: String { rawValue }

    /// Binding strength when printing: higher binds tighter.
    var precedence: Int {
        switch self {
        case .add, .subtract: 5
        case .multiply, .divide, .integerDivide, .modulo: 6
        }
    }

    /// Whether a zero right operand is a division by zero (an error on integers and decimals).
    var isDivision: Bool {
        switch self {
        case .divide, .integerDivide, .modulo: true
        case .add, .subtract, .multiply: false
        }
    }
}
