import SluiceCore

extension PhysicalExpression {
    /// The same node over new children (in the order of `children`).
    public func replacingChildren(_ new: [PhysicalExpression]) -> PhysicalExpression {
        switch self {
        case .column, .literal: return self
        case .arithmetic(let op, _, _, let resultType): return .arithmetic(op, new[0], new[1], resultType: resultType)
        case .comparison(let op, _, _): return .comparison(op, new[0], new[1])
        case .and: return .and(new)
        case .or: return .or(new)
        case .not: return .not(new[0])
        case .isNull(_, let negated): return .isNull(new[0], negated: negated)
        case .cast(_, let type): return .cast(new[0], to: type)
        case .between(_, _, _, let negated): return .between(new[0], low: new[1], high: new[2], negated: negated)
        case .inList(_, _, let negated): return .inList(new[0], Array(new.dropFirst()), negated: negated)
        case .like(_, _, let escape, let negated): return .like(new[0], pattern: new[1], escape: escape, negated: negated)
        case .function(let function, _, let resultType): return .function(function, new, resultType: resultType)
        case .caseWhen(let operand, let branches, let otherwise, let resultType):
            var index = 0
            var newOperand: PhysicalExpression?
            if operand != nil { newOperand = new[0]; index = 1 }
            var newBranches: [CaseBranch] = []
            for _ in branches {
                newBranches.append(CaseBranch(when: new[index], then: new[index + 1]))
                index += 2
            }
            let newOtherwise = otherwise == nil ? nil : new[index]
            return .caseWhen(operand: newOperand, branches: newBranches, otherwise: newOtherwise, resultType: resultType)
        }
    }

    /// Rewrites the tree top-down: where `rewrite` returns an expression it replaces the node
    /// (and is not descended into); where it returns nil the node's children are visited.
    public func rewritten(_ rewrite: (PhysicalExpression) throws -> PhysicalExpression?) rethrows -> PhysicalExpression {
        if let replacement = try rewrite(self) { return replacement }
        let children = self.children
        if children.isEmpty { return self }
        return replacingChildren(try children.map { try $0.rewritten(rewrite) })
    }

    /// Column references renumbered through `mapping` (id → new id or position); columns not
    /// in `mapping` stay as they are.
    public func remappingColumns(_ mapping: [Int: Int]) -> PhysicalExpression {
        rewritten { node in
            guard case .column(let index, let type, let name) = node else { return nil }
            return .column(index: mapping[index] ?? index, type: type, name: name)
        }
    }

    /// Column references replaced by expressions (substituting a projection's definitions).
    public func substitutingColumns(_ definitions: [Int: PhysicalExpression]) -> PhysicalExpression {
        rewritten { node in
            guard case .column(let index, _, _) = node else { return nil }
            return definitions[index] ?? node
        }
    }

    /// The operands of a top-level AND, or the expression itself.
    public var conjuncts: [PhysicalExpression] {
        if case .and(let operands) = self { return operands.flatMap(\.conjuncts) }
        if case .literal(.boolean(true), _) = self { return [] }
        return [self]
    }

    /// The AND of `conjuncts`; nil for none.
    public static func conjunction(_ conjuncts: [PhysicalExpression]) -> PhysicalExpression? {
        switch conjuncts.count {
        case 0: return nil
        case 1: return conjuncts[0]
        default: return .and(conjuncts)
        }
    }

    /// The set of column ids the expression reads.
    public var columnIDs: Set<Int> { Set(referencedColumns) }
}
