import SluiceCore

extension PhysicalExpression {
    /// The expression with every column reference replaced by `replacement(index, type, name)`.
    func renumberingColumns(_ replacement: (Int, DataType, String) -> PhysicalExpression) -> PhysicalExpression {
        func walk(_ expression: PhysicalExpression) -> PhysicalExpression {
            switch expression {
            case .column(let index, let type, let name):
                return replacement(index, type, name)
            case .literal:
                return expression
            case .arithmetic(let op, let left, let right, let resultType):
                return .arithmetic(op, walk(left), walk(right), resultType: resultType)
            case .comparison(let op, let left, let right):
                return .comparison(op, walk(left), walk(right))
            case .and(let operands):
                return .and(operands.map(walk))
            case .or(let operands):
                return .or(operands.map(walk))
            case .not(let operand):
                return .not(walk(operand))
            case .isNull(let operand, let negated):
                return .isNull(walk(operand), negated: negated)
            case .between(let value, let low, let high, let negated):
                return .between(walk(value), low: walk(low), high: walk(high), negated: negated)
            case .inList(let value, let list, let negated):
                return .inList(walk(value), list.map(walk), negated: negated)
            case .like(let value, let pattern, let escape, let negated):
                return .like(walk(value), pattern: walk(pattern), escape: escape, negated: negated)
            case .caseWhen(let operand, let branches, let otherwise, let resultType):
                return .caseWhen(operand: operand.map(walk),
                                 branches: branches.map { CaseBranch(when: walk($0.when), then: walk($0.then)) },
                                 otherwise: otherwise.map(walk), resultType: resultType)
            case .cast(let operand, let type):
                return .cast(walk(operand), to: type)
            case .function(let function, let arguments, let resultType):
                return .function(function, arguments.map(walk), resultType: resultType)
            }
        }
        return walk(self)
    }
}
