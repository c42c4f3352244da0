import SluiceCore

/// Views of a warehouse folder: each is its query's SQL text in `_views/<name>.sql` beside the
/// tables, so every session and process over the folder sees the same views, and a view reads
/// the newest version of its tables each time it is queried.
extension WarehouseCatalog {
    /// The folder holding the view files.
    var viewsFolder: String { (root == "/" ? "" : root) + "/_views" }

    public func viewDefinition(named name: String) throws -> String? {
        guard (try? WarehouseCatalog.validateTableName(name)) != nil else { return nil }
        guard let fileName = try viewFileName(matching: name) else { return nil }
        let bytes = try fileSystem.readAll(viewsFolder + "/" + fileName)
        return String(decoding: bytes, as: UTF8.self)
    }

    public func createView(named name: String, definition: String, replace: Bool, ifNotExists: Bool) throws {
        try WarehouseCatalog.validateTableName(name)
        if try existingFolder(name) != nil {
            if ifNotExists { return }
            throw SluiceError(.userInput, "'\(name)' is already a table", condition: .alreadyExists)
        }
        let existing = try viewFileName(matching: name)
        if existing != nil && !replace {
            if ifNotExists { return }
            throw SluiceError(.userInput, "view '\(name)' already exists (CREATE OR REPLACE VIEW replaces it)", condition: .alreadyExists)
        }
        try fileSystem.makeDirectories(viewsFolder)
        // Write beside, then rename over: a reader sees the old text or the new, never a part.
        let target = viewsFolder + "/" + (existing ?? name + ".sql")
        let staging = viewsFolder + "/." + name + ".sql.tmp"
        try fileSystem.write(Array(definition.utf8), to: staging, overwrite: true)
        if fileSystem.exists(target) { try fileSystem.delete(target, recursive: false) }
        try fileSystem.rename(from: staging, to: target)
    }

    public func dropView(named name: String, ifExists: Bool) throws {
        guard let fileName = try viewFileName(matching: name) else {
            if ifExists { return }
            throw SluiceError(.userInput, NameSuggestion.message("no view '\(name)'", for: name, among: try viewNames()),
                              condition: .notFound)
        }
        try fileSystem.delete(viewsFolder + "/" + fileName, recursive: false)
    }

    /// The names of the stored views, sorted.
    func viewNames() throws -> [String] {
        guard let status = try? fileSystem.status(viewsFolder), status.isDirectory else { return [] }
        return try fileSystem.list(viewsFolder)
            .filter { !$0.isDirectory && $0.name.hasSuffix(".sql") && !$0.name.hasPrefix(".") }
            .map { String($0.name.dropLast(4)) }
            .sorted()
    }

    /// The file of the view `name`, matched without regard to case.
    private func viewFileName(matching name: String) throws -> String? {
        if fileSystem.exists(viewsFolder + "/" + name + ".sql") { return name + ".sql" }
        return try viewNames().first { $0.lowercased() == name.lowercased() }.map { $0 + ".sql" }
    }
}
