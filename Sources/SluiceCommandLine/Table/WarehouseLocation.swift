import Foundation
import SluiceCore
import Warehouse

/// Where a warehouse lives and how its tables are named: one folder (on the local disk, or
/// `dfs://` once the block store client is linked in) with one table folder per table name.
///
/// The folder is the `--warehouse` option when given, else the `SLUICE_WAREHOUSE` environment
/// variable, else `warehouse` in the working directory. Table names are checked before they
/// become paths, so a name can never reach outside the warehouse.
struct WarehouseLocation {
    static let environmentVariable = "SLUICE_WAREHOUSE"
    static let defaultFolder = "warehouse"
    /// File names longer than this are refused by common file systems.
    static let tableNameLengthMax = 255

    let fileSystem: any FileSystem
    /// The warehouse folder, absolute within `fileSystem`.
    let path: String
    /// The location as the user wrote it (or the default).
    let text: String
    /// The resolved location for messages: an absolute path, or a `dfs://` URI.
    let description: String

    /// Resolves the warehouse folder.
    /// - Parameters:
    ///   - option: the `--warehouse` value, if given.
    ///   - environment: the process environment (injected by tests).
    /// - Throws: `SluiceError` (user input) for an empty location or a scheme nothing serves.
    init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let chosen = option ?? environment[WarehouseLocation.environmentVariable] ?? WarehouseLocation.defaultFolder
        guard !chosen.trimmed.isEmpty else {
            throw SluiceError.userInput(option != nil ? "--warehouse needs a folder" : "\(WarehouseLocation.environmentVariable) is set but empty")
        }
        (fileSystem, path) = try FileSystemRegistry.shared.resolve(chosen)
        text = chosen
        description = try FileURI(parsing: chosen, workingDirectory: FileSystemRegistry.currentDirectory()).description
    }

    /// Checks that `name` can be a table name: ASCII letters, digits, `_` and `-`, not
    /// starting with `-`.
    /// - Throws: `SluiceError` (user input) saying what is wrong.
    static func validateTableName(_ name: String) throws {
        guard !name.isEmpty else { throw SluiceError.userInput("a table name cannot be empty") }
        guard name.utf8.count <= tableNameLengthMax else {
            throw SluiceError.userInput("table name '\(name.prefix(40))…' is longer than \(tableNameLengthMax) characters")
        }
        let isAllowed = { (scalar: Unicode.Scalar) in
            scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_" || scalar == "-")
        }
        guard name.unicodeScalars.allSatisfy(isAllowed), !name.hasPrefix("-") else {
            throw SluiceError.userInput("'\(name)' is not a valid table name: use ASCII letters, digits, '_' and '-' (not first)")
        }
    }

    /// The folder of the table called `name`.
    /// - Throws: `SluiceError` (user input) for an invalid name.
    func tablePath(_ name: String) throws -> String {
        try WarehouseLocation.validateTableName(name)
        return path == "/" ? "/" + name : path + "/" + name
    }

    /// Whether a table called `name` exists (its folder has a transaction log).
    func tableExists(_ name: String) throws -> Bool {
        fileSystem.exists(try tablePath(name) + "/_delta_log")
    }

    /// Opens the table called `name`.
    /// - Throws: `SluiceError` (user input, `.notFound`) naming the table and the warehouse when
    ///   there is no such table.
    func openTable(_ name: String) throws -> Table {
        let tablePath = try tablePath(name)
        do {
            return try Table(fileSystem: fileSystem, path: tablePath)
        } catch let error as SluiceError where error.condition == .notFound {
            throw SluiceError(.userInput, "no table '\(name)' in the warehouse \(description)", condition: .notFound)
        }
    }

    /// The names of the tables in the warehouse, sorted; empty when the folder does not exist.
    /// Folders that are not tables (no transaction log) or whose names are not table names are
    /// left out.
    func tableNames() throws -> [String] {
        guard fileSystem.exists(path) else { return [] }
        return try fileSystem.list(path)
            .filter { $0.isDirectory && (try? WarehouseLocation.validateTableName($0.name)) != nil }
            .map(\.name)
            .filter { fileSystem.exists(path + "/" + $0 + "/_delta_log") }
            .sorted()
    }
}
