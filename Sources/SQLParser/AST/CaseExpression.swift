/// `CASE [operand] WHEN condition THEN result ... [ELSE result] END`.
///
/// With an operand each `WHEN` value is compared to it for equality; without one each `WHEN` is a
/// boolean condition.
public struct CaseExpression: Hashable, Sendable, CustomStringConvertible {
    /// One `WHEN ... THEN ...` branch.
    public struct Branch: Hashable, Sendable {
        public var condition: Expression
        public var result: Expression

        public init(condition: Expression, result: Expression) {
            self.condition = condition
            self.result = result
        }
    }

    public var operand: Expression?
    /// At least one.
    public var branches: [Branch]
    public var elseResult: Expression?
    public var range: SourceRange

    public init(operand: Expression?, branches: [Branch], elseResult: Expression?, range: SourceRange = .unknown) {
        self.operand = operand
        self.branches = branches
        self.elseResult = elseResult
        self.range = range
    }

    public var description: String {
        var text = "CASE"
        if let operand { text += " \(operand)" }
        for branch in branches {
            text += " WHEN \(branch.condition) THEN \(branch.result)"
        }
        if let elseResult { text += " ELSE \(elseResult)" }
        return text + " END"
    }
}
