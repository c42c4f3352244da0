/// `left [kind] JOIN right [ON ...|USING (...)]`; `NATURAL` joins carry `.natural`.
public struct Join: Hashable, Sendable, CustomStringConvertible {
    public var left: TableReference
    public var right: TableReference
    public var kind: JoinKind
    public var condition: JoinCondition
    public var range: SourceRange

    public init(left: TableReference, right: TableReference, kind: JoinKind, condition: JoinCondition, range: SourceRange = .unknown) {
        self.left = left
        self.right = right
        self.kind = kind
        self.condition = condition
        self.range = range
    }

    public var description: String {
        // Joins associate to the left, so only a join on the right needs parentheses.
        var rightText = right.description
        if case .join = right { rightText = "(\(rightText))" }
        let natural = condition == .natural ? "NATURAL " : ""
        var text = "\(left) \(natural)\(kind.rawValue) \(rightText)"
        switch condition {
        case .on(let predicate): text += " ON \(predicate)"
        case .using(let columns): text += " USING (\(SQLText.list(columns)))"
        case .natural, .none: break
        }
        return text
    }
}
