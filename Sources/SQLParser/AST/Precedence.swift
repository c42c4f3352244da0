/// How tightly an operator binds, loosest first. The parser climbs these levels; the printer
/// uses them to add exactly the parentheses a tree needs to read back the same.
public enum Precedence: Int, Comparable, Sendable {
    case or = 1
    case and
    /// Prefix `NOT`.
    case not
    /// `=`, `<>`, `<`, `<=`, `>`, `>=`, `IS [NOT] NULL`, `[NOT] BETWEEN`, `[NOT] IN`, `[NOT] LIKE`.
    case comparison
    /// `||`.
    case concat
    /// Binary `+` and `-`.
    case additive
    /// `*`, `/`, `%`.
    case multiplicative
    /// Prefix `-` and `+`.
    case unary
    /// Postfix `::type`.
    case postfix
    /// Literals, names, calls and anything in parentheses or keywords of its own.
    case primary

    public static func < (lhs: Precedence, rhs: Precedence) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The next tighter level, used for the right operand of a left-associative operator.
    var tighter: Precedence {
        Precedence(rawValue: rawValue + 1) ?? .primary
    }
}
