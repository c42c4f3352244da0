import SluiceCore

/// A bound, typed scalar expression over the columns of an input batch: what the physical
/// operators (filter, projection, aggregate, join) evaluate with `ExpressionEvaluator`.
///
/// The binder resolves names to column positions and picks result types (with
/// `TypeCoercion`); the evaluator converts operands to what each operator needs, so a
/// comparison of an INT32 column with a DECIMAL literal needs no explicit cast.
public indirect enum PhysicalExpression: Sendable, Equatable, CustomStringConvertible {
    /// Column `index` of the input batch; `name` is for messages and `EXPLAIN`.
    case column(index: Int, type: DataType, name: String)
    /// A constant; `.null` is a NULL of the given type.
    case literal(Value, DataType)
    /// `left op right`. Integer and decimal overflow and `//` or `%` by zero are errors naming
    /// the expression; doubles follow IEEE 754 (`1 / 0` is infinity), as in DuckDB 2.
    case arithmetic(ArithmeticOperator, PhysicalExpression, PhysicalExpression, resultType: DataType)
    /// `left op right`, BOOLEAN.
    case comparison(ComparisonOperator, PhysicalExpression, PhysicalExpression)
    /// Conjunction with three-valued logic: FALSE if any operand is FALSE, else NULL if any is
    /// NULL, else TRUE.
    case and([PhysicalExpression])
    /// Disjunction with three-valued logic: TRUE if any operand is TRUE, else NULL if any is
    /// NULL, else FALSE.
    case or([PhysicalExpression])
    /// Negation; NOT NULL is NULL.
    case not(PhysicalExpression)
    /// `x IS [NOT] NULL`, never NULL itself.
    case isNull(PhysicalExpression, negated: Bool)
    /// `x [NOT] BETWEEN low AND high`: `x >= low AND x <= high`.
    case between(PhysicalExpression, low: PhysicalExpression, high: PhysicalExpression, negated: Bool)
    /// `x [NOT] IN (list)`: TRUE on a match, else NULL if `x` or any list item is NULL, else FALSE.
    case inList(PhysicalExpression, [PhysicalExpression], negated: Bool)
    /// `x [NOT] LIKE pattern [ESCAPE c]`: `%` matches any run of characters, `_` one character;
    /// bytes compare exactly (case-sensitive).
    case like(PhysicalExpression, pattern: PhysicalExpression, escape: Character?, negated: Bool)
    /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`; a branch's `then` is evaluated only
    /// for the rows that take it. Without `otherwise` unmatched rows are NULL.
    case caseWhen(operand: PhysicalExpression?, branches: [CaseBranch], otherwise: PhysicalExpression?, resultType: DataType)
    /// `CAST(x AS type)`; a value that does not convert is an error naming the expression.
    case cast(PhysicalExpression, to: DataType)
    /// A built-in function call.
    case function(ScalarFunction, [PhysicalExpression], resultType: DataType)

    /// The type of the values the expression produces.
    public var type: DataType {
        switch self {
        case .column(_, let type, _): type
        case .literal(_, let type): type
        case .arithmetic(_, _, _, let resultType): resultType
        case .comparison, .and, .or, .not, .isNull, .between, .inList, .like: .boolean
        case .caseWhen(_, _, _, let resultType): resultType
        case .cast(_, let type): type
        case .function(_, _, let resultType): resultType
        }
    }

    /// The expressions this one is built from, in order.
    public var children: [PhysicalExpression] {
        switch self {
        case .column, .literal: []
        case .arithmetic(_, let left, let right, _), .comparison(_, let left, let right): [left, right]
        case .and(let operands), .or(let operands): operands
        case .not(let operand), .isNull(let operand, _), .cast(let operand, _): [operand]
        case .between(let value, let low, let high, _): [value, low, high]
        case .inList(let value, let list, _): [value] + list
        case .like(let value, let pattern, _, _): [value, pattern]
        case .caseWhen(let operand, let branches, let otherwise, _):
            (operand.map { [$0] } ?? []) + branches.flatMap { [$0.when, $0.then] } + (otherwise.map { [$0] } ?? [])
        case .function(_, let arguments, _): arguments
        }
    }

    /// The positions of the input columns the expression reads, ascending, without repeats.
    public var referencedColumns: [Int] {
        var indices = Set<Int>()
        collectColumns(into: &indices)
        return indices.sorted()
    }

    private func collectColumns(into indices: inout Set<Int>) {
        if case .column(let index, _, _) = self {
            indices.insert(index)
            return
        }
        for child in children { child.collectColumns(into: &indices) }
    }

    /// Whether evaluating the expression is free and cannot fail: a column or a literal.
    var isColumnOrLiteral: Bool {
        switch self {
        case .column, .literal: true
        default: false
        }
    }

    /// The literal's value, when the expression is a literal.
    var literalValue: Value? {
        if case .literal(let value, _) = self { return value }
        return nil
    }
}
