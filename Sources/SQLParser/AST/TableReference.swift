/// Something to read rows from in `FROM`.
public indirect enum TableReference: Hashable, Sendable, CustomStringConvertible {
    /// A table or common table expression by name, possibly at an earlier snapshot.
    case table(QualifiedName, timeTravel: TimeTravel?, alias: TableAlias?, SourceRange)
    /// A file or glob in quotes: `FROM 'data/x.parquet'`; the format comes from the extension.
    case file(path: String, alias: TableAlias?, SourceRange)
    /// A table function: `read_parquet('data/*.parquet')`, `read_csv('f.csv', header = true)`.
    case function(QualifiedName, arguments: [Expression], alias: TableAlias?, SourceRange)
    /// A query in parentheses.
    case subquery(Query, alias: TableAlias?, SourceRange)
    case join(Join)

    public var range: SourceRange {
        switch self {
        case .table(_, _, _, let range), .file(_, _, let range), .function(_, _, _, let range),
             .subquery(_, _, let range):
            return range
        case .join(let join): return join.range
        }
    }

    /// The alias, if the reference has one (joins never do).
    public var alias: TableAlias? {
        switch self {
        case .table(_, _, let alias, _), .file(_, let alias, _), .function(_, _, let alias, _),
             .subquery(_, let alias, _):
            return alias
        case .join: return nil
        }
    }

    public var description: String {
        var text: String
        switch self {
        case .table(let name, let timeTravel, _, _):
            text = name.description
            if let timeTravel { text += " \(timeTravel)" }
        case .file(let path, _, _):
            text = SQLText.quotedString(path)
        case .function(let name, let arguments, _, _):
            text = "\(name)(\(SQLText.list(arguments)))"
        case .subquery(let query, _, _):
            text = "(\(query))"
        case .join(let join):
            return join.description
        }
        if let alias { text += " \(alias)" }
        return text
    }
}
