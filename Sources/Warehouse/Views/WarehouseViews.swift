import SluiceCore

/// The views of a warehouse folder: each is one query's SQL text in `_views/<name>.sql` beside
/// the tables, so every process over the folder (the SQL shell, a pipeline switching its
/// readers to a new table) sees the same views. Names match without regard to case.
///
/// Writes are atomic: the text goes to a hidden file that is then renamed over the old one, so
/// a reader sees the old definition or the new, never a part.
///
/// Threading: safe from any thread; concurrent writers of one name leave one of their texts.
public struct WarehouseViews: Sendable {
    public let fileSystem: any FileSystem
    /// The warehouse folder, absolute within `fileSystem`.
    public let root: String

    public init(fileSystem: any FileSystem, root: String) {
        self.fileSystem = fileSystem
        self.root = root
    }

    /// The folder holding the view files.
    public var folder: String { (root == "/" ? "" : root) + "/_views" }

    /// The SQL text of view `name`, or nil when there is none.
    public func definition(named name: String) throws -> String? {
        guard let fileName = try fileName(matching: name) else { return nil }
        return String(decoding: try fileSystem.readAll(folder + "/" + fileName), as: UTF8.self)
    }

    /// Stores `definition` as view `name`, replacing an existing one (keeping its spelling).
    public func write(named name: String, definition: String) throws {
        try fileSystem.makeDirectories(folder)
        let target = folder + "/" + (try fileName(matching: name) ?? name + ".sql")
        let staging = folder + "/." + name + ".sql.tmp"
        try fileSystem.write(Array(definition.utf8), to: staging, overwrite: true)
        if fileSystem.exists(target) { try fileSystem.delete(target, recursive: false) }
        try fileSystem.rename(from: staging, to: target)
    }

    /// Removes view `name`; returns whether there was one.
    @discardableResult
    public func remove(named name: String) throws -> Bool {
        guard let fileName = try fileName(matching: name) else { return false }
        try fileSystem.delete(folder + "/" + fileName, recursive: false)
        return true
    }

    /// The names of the stored views, sorted.
    public func names() throws -> [String] {
        guard let status = try? fileSystem.status(folder), status.isDirectory else { return [] }
        return try fileSystem.list(folder)
            .filter { !$0.isDirectory && $0.name.hasSuffix(".sql") && !$0.name.hasPrefix(".") }
            .map { String($0.name.dropLast(4)) }
            .sorted()
    }

    private func fileName(matching name: String) throws -> String? {
        if fileSystem.exists(folder + "/" + name + ".sql") { return name + ".sql" }
        return try names().first { $0.lowercased() == name.lowercased() }.map { $0 + ".sql" }
    }
}
