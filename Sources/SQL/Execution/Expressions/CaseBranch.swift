/// One `WHEN ... THEN ...` arm of a `CASE` expression. Without a `CASE` operand `when` is a
/// BOOLEAN condition; with one, `when` is compared to the operand with `=`.
public struct CaseBranch: Sendable, Equatable {
    public var when: PhysicalExpression
    public var then: PhysicalExpression

    public init(when: PhysicalExpression, then: PhysicalExpression) {
        self.when = when
        self.then = then
    }
}
