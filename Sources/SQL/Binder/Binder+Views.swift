import SQLParser
import SluiceCore

extension Binder {
    /// Binds a view's stored query as a subquery of its own: it sees no common tables or columns
    /// of the query that reads it, and errors inside it name the view.
    func bindView(named name: String, definition: String, range: SourceRange) throws -> BoundQuery {
        let key = name.lowercased()
        guard !viewsBeingExpanded.contains(key) else {
            let chain = (viewsBeingExpanded + [key]).joined(separator: " -> ")
            throw BindError.make("view '\(name)' reads itself (\(chain))", at: range)
        }
        let query: Query
        do {
            query = try Parser.parseQuery(definition)
        } catch {
            throw BindError.make("view '\(name)' no longer parses: \(error.sluiceError.message)", at: range)
        }
        viewsBeingExpanded.append(key)
        let enclosingCommonTables = commonTables
        commonTables = []
        defer {
            commonTables = enclosingCommonTables
            viewsBeingExpanded.removeLast()
        }
        do {
            return try bind(query, outer: nil)
        } catch let error as SluiceError where error.fault == .userInput {
            throw BindError.make("in view '\(name)': \(error.message)", at: range)
        }
    }
}
