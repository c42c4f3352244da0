/// How a join combines its left (probe) and right (build) inputs.
public enum JoinKind: String, Sendable, Equatable {
    /// Pairs that satisfy the condition; output: left columns then right columns.
    case inner
    /// Inner rows plus left rows without a match, right columns NULL.
    case left
    /// Inner rows plus right rows without a match, left columns NULL.
    case right
    /// Inner rows plus unmatched rows of both sides.
    case full
    /// Left rows with at least one match, each once; output: left columns only
    /// (`EXISTS`, `IN (subquery)`).
    case semi
    /// Left rows with no match; output: left columns only (`NOT EXISTS`).
    case anti
    /// Right rows with at least one match, each once; output: right columns only. A semi join
    /// with its inputs swapped: the planner's choice when the preserved side is the smaller one,
    /// so the hash table holds it and the subquery's rows stream past.
    case rightSemi = "right_semi"
    /// Right rows with no match; output: right columns only (an anti join, swapped).
    case rightAnti = "right_anti"
    /// `NOT IN (subquery)` with SQL's NULL rules: a left row is kept only when it has no match,
    /// its key is not NULL, and the right side has no NULL key (an empty right side keeps every
    /// row, NULL keys included). Output: left columns only.
    case nullAwareAnti = "null_aware_anti"
    /// Every left row once, plus a BOOLEAN column: TRUE if it has a match, else NULL if the
    /// left key is NULL or the right side has a NULL key (and no match), else FALSE — the value
    /// of `x IN (subquery)` / `EXISTS (...)` where it is not a plain conjunct (under OR, NOT, in
    /// a projection). Output: left columns then the mark.
    case mark
    /// A scalar subquery: every left row once with the right columns of its one match, NULL
    /// when none; more than one match is an error ("more than one row returned by a subquery
    /// used as an expression").
    case single

    /// Whether the join outputs the pairs that match (inner and outer joins).
    public var outputsPairs: Bool { [.inner, .left, .right, .full].contains(self) }

    /// Whether the join ends with right rows picked by whether a left row matched them: the
    /// unmatched ones (right, full, right anti) or the matched ones (right semi).
    public var endsWithRightRows: Bool { [.right, .full, .rightSemi, .rightAnti].contains(self) }

    /// Whether a left row that matches nothing is left out of the output. Then a left row with a
    /// NULL key can be dropped at once, and an empty right side means no output at all.
    public var dropsUnmatchedLeftRows: Bool { [.inner, .right, .semi, .rightSemi, .rightAnti].contains(self) }

    /// Whether the output has the left side's columns.
    public var outputsLeftColumns: Bool { self != .rightSemi && self != .rightAnti }

    /// Whether the output has the right side's columns.
    public var outputsRightColumns: Bool {
        switch self {
        case .inner, .left, .right, .full, .single, .rightSemi, .rightAnti: true
        case .semi, .anti, .nullAwareAnti, .mark: false
        }
    }
}
