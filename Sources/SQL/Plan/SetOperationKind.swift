/// `UNION`, `INTERSECT`, `EXCEPT`, each with or without `ALL`.
///
/// Without `ALL` the result has no duplicate rows; `INTERSECT ALL` keeps a row min(m, n) times
/// and `EXCEPT ALL` max(m - n, 0) times, where m and n are its counts on the left and right.
/// NULLs compare equal to each other here, as in `DISTINCT`.
public enum SetOperationKind: String, Sendable, Equatable {
    case union, intersect, except
}
