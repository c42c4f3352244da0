/// The words the grammar gives meaning to. Reserved ones cannot name a column or an alias unless
/// double-quoted; the rest are keywords only where the grammar expects them (`DATE '...'`,
/// `VERSION AS OF`), so tables may have columns called `date`, `year` or `version`.
public enum Keyword: String, Sendable, CaseIterable {
    case all, analyze, and, any, `as`, asc, between, by
    case `case`, cast, create, cross, current
    case date, delete, desc, describe, distinct, drop
    case `else`, end, escape, except, exists, explain, extract
    case `false`, filter, first, following, `for`, from, full
    case group, having, `if`, ilike, `in`, inner, insert, intersect, interval, into, `is`
    case join, last, left, like, limit
    case natural, not, null, nulls
    case of, offset, on, or, order, outer, over
    case partition, partitioned, preceding
    case range, recursive, replace, right, row, rows
    case select, show, substring
    case table, tables, then, timestamp, `true`
    case unbounded, union, using
    case values, version, view
    case when, `where`, with

    /// Whether the word can never be a bare name: it would make the grammar ambiguous, mostly
    /// because a name may follow an expression or table as an alias without `AS`.
    public var isReserved: Bool {
        switch self {
        case .all, .and, .any, .as, .asc, .between, .by, .case, .cast, .create, .cross,
             .desc, .distinct, .else, .end, .except, .exists, .false, .for, .from, .full,
             .group, .having, .ilike, .in, .inner, .intersect, .into, .is, .join, .left,
             .like, .limit, .natural, .not, .null, .offset, .on, .or, .order, .outer, .over,
             .right, .select, .then, .true, .union, .using, .values, .when, .where, .with:
            return true
        default:
            return false
        }
    }

    /// The keyword as printed in canonical SQL.
    public var sql: String { rawValue.uppercased() }
}
