import SQLParser
import SluiceCore

/// The columns a query's `FROM` clause makes visible, with the table name or alias that
/// qualifies each, and the scope of the enclosing query for correlated subqueries.
final class BindScope: @unchecked Sendable {
    struct Entry {
        /// The table name or alias, lowercased; nil for columns without a table.
        var qualifier: String?
        var column: PlanColumn
        /// Hidden from `*` and unqualified names (the right copy of a `USING` column).
        var isHidden = false
    }

    private(set) var entries: [Entry]
    let parent: BindScope?

    init(entries: [Entry] = [], parent: BindScope?) {
        self.entries = entries
        self.parent = parent
    }

    /// The entries of both scopes, left first, under the same parent.
    func merged(with other: BindScope) -> BindScope {
        BindScope(entries: entries + other.entries, parent: parent)
    }

    func hiding(columnIDs: Set<Int>) -> BindScope {
        BindScope(entries: entries.map { entry in
            var copy = entry
            if columnIDs.contains(entry.column.id) { copy.isHidden = true }
            return copy
        }, parent: parent)
    }

    /// The column `name` refers to here or in an enclosing scope; nil when nothing matches.
    /// - Throws: `SluiceError.userInput` when the name matches several columns.
    func resolve(_ name: QualifiedName) throws -> PlanColumn? {
        let columnName = name.name.value.lowercased()
        let qualifier = name.qualifier.last.map { $0.value.lowercased() }
        let matches = entries.filter { entry in
            guard entry.column.name.lowercased() == columnName else { return false }
            if let qualifier { return entry.qualifier == qualifier }
            return !entry.isHidden
        }
        if matches.count > 1, Set(matches.map(\.column.id)).count > 1 {
            let tables = matches.compactMap(\.qualifier).map { "\($0).\(name.name.value)" }
            throw BindError.make("column reference '\(name)' is ambiguous (it could be \(tables.joined(separator: " or ")))",
                                 at: name.range)
        }
        if let match = matches.first { return match.column }
        return try parent?.resolve(name)
    }

    /// The names a misspelled column might have meant, for "did you mean".
    func candidateNames() -> [String] {
        entries.filter { !$0.isHidden }.map(\.column.name) + (parent?.candidateNames() ?? [])
    }

    /// Whether column `id` comes from this scope's own FROM clause (not an enclosing query's).
    func entriesContain(_ id: Int) -> Bool { entries.contains { $0.column.id == id } }

    /// The columns `*` (or `qualifier.*`) expands to.
    func wildcardColumns(qualifier: String?) -> [PlanColumn] {
        entries.filter { entry in
            if let qualifier { return entry.qualifier == qualifier.lowercased() }
            return !entry.isHidden
        }.map(\.column)
    }
}
