/// How query and `cat` results are printed.
enum OutputFormat: String, CaseIterable, Sendable {
    /// A boxed text table for people: column names and types, aligned cells, a row count.
    case table
    /// RFC 4180 CSV with a header row; null is an empty field, the empty string is `""`.
    case csv
    /// JSON Lines: one object per row.
    case json
    /// A GitHub-flavoured Markdown table: a header row, an alignment row, one line per row.
    case markdown
}
