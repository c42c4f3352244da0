/// One SQL statement: the root of a syntax tree.
public indirect enum Statement: Hashable, Sendable, CustomStringConvertible {
    case query(Query)
    case createTable(CreateTable)
    case insert(Insert)
    case delete(Delete)
    case dropTable(DropTable)
    case createView(CreateView)
    case dropView(DropView)
    /// `SHOW TABLES`.
    case showTables(SourceRange)
    /// `DESCRIBE name`: the table's columns and types.
    case describe(QualifiedName, SourceRange)
    case explain(Explain)

    public var range: SourceRange {
        switch self {
        case .query(let query): return query.range
        case .createTable(let create): return create.range
        case .insert(let insert): return insert.range
        case .delete(let delete): return delete.range
        case .dropTable(let drop): return drop.range
        case .createView(let create): return create.range
        case .dropView(let drop): return drop.range
        case .showTables(let range), .describe(_, let range): return range
        case .explain(let explain): return explain.range
        }
    }

    /// The statement as canonical SQL, without a trailing semicolon.
    public var description: String {
        switch self {
        case .query(let query): return query.description
        case .createTable(let create): return create.description
        case .insert(let insert): return insert.description
        case .delete(let delete): return delete.description
        case .dropTable(let drop): return drop.description
        case .createView(let create): return create.description
        case .dropView(let drop): return drop.description
        case .showTables: return "SHOW TABLES"
        case .describe(let name, _): return "DESCRIBE \(name)"
        case .explain(let explain): return explain.description
        }
    }
}
