import SluiceCore
import Warehouse

/// Views of a warehouse folder, kept by `WarehouseViews` (`_views/<name>.sql` beside the
/// tables); a view reads the newest version of its tables each time it is queried.
extension WarehouseCatalog {
    var views: WarehouseViews { WarehouseViews(fileSystem: fileSystem, root: root) }

    public func viewDefinition(named name: String) throws -> String? {
        guard (try? WarehouseCatalog.validateTableName(name)) != nil else { return nil }
        return try views.definition(named: name)
    }

    public func createView(named name: String, definition: String, replace: Bool, ifNotExists: Bool) throws {
        try WarehouseCatalog.validateTableName(name)
        if try existingFolder(name) != nil {
            if ifNotExists { return }
            throw SluiceError(.userInput, "'\(name)' is already a table", condition: .alreadyExists)
        }
        if try views.definition(named: name) != nil && !replace {
            if ifNotExists { return }
            throw SluiceError(.userInput, "view '\(name)' already exists (CREATE OR REPLACE VIEW replaces it)", condition: .alreadyExists)
        }
        try views.write(named: name, definition: definition)
    }

    public func dropView(named name: String, ifExists: Bool) throws {
        guard try views.remove(named: name) else {
            if ifExists { return }
            throw SluiceError(.userInput, NameSuggestion.message("no view '\(name)'", for: name, among: try viewNames()),
                              condition: .notFound)
        }
    }

    /// The names of the stored views, sorted.
    func viewNames() throws -> [String] { try views.names() }
}
