/// How a join matches rows.
public enum JoinCondition: Hashable, Sendable {
    /// `ON condition`.
    case on(Expression)
    /// `USING (column, ...)`: equality of the like-named columns, which appear once in the result.
    case using([Identifier])
    /// `NATURAL`: `USING` all columns the two sides share.
    case natural
    /// No condition: a `CROSS JOIN`.
    case none
}
