import ArgumentParser
import SluiceCore
import Warehouse

/// `sluice table create NAME --schema ...`: an empty table at version 0.
struct TableCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an empty table.",
        discussion: """
            Types: BOOLEAN, INT32, INT64, FLOAT64, STRING, BINARY, DATE, TIMESTAMP, DECIMAL(p,s); \
            add NOT NULL after a type to refuse nulls. Partition columns name the folders rows \
            land in; the sort key orders the rows inside each data file.
            """
    )

    @Argument(help: "The table name.")
    var name: String

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: ArgumentHelp("Columns and types, e.g. \"id INT64 NOT NULL, name STRING, ts TIMESTAMP\".", valueName: "columns"))
    var schema: String

    @Option(help: ArgumentHelp("Comma-separated partition columns.", valueName: "col[,col]"))
    var partitionBy: String?

    @Option(help: ArgumentHelp("Comma-separated sort key columns.", valueName: "col[,col]"))
    var sortBy: String?

    @Option(name: .customLong("property"), help: ArgumentHelp("A table property (repeatable), e.g. delta.appendOnly=true.", valueName: "key=value"))
    var properties: [String] = []

    func run() throws {
        let location = try warehouse.location()
        let path = try location.tablePath(name)
        let parsedSchema = try Schema(parsing: schema)
        var configuration: [String: String] = [:]
        for property in properties {
            guard let equals = property.firstIndex(of: "="), !property[..<equals].trimmed.isEmpty else {
                throw SluiceError.userInput("--property '\(property)' is not key=value")
            }
            let key = property[..<equals].trimmed
            guard configuration[key] == nil else { throw SluiceError.userInput("--property sets '\(key)' twice") }
            configuration[key] = property[property.index(after: equals)...].trimmed
        }
        do {
            try Table.create(fileSystem: location.fileSystem, path: path, schema: parsedSchema,
                             partitionColumns: partitionBy?.columnList ?? [], sortColumns: sortBy?.columnList ?? [],
                             properties: configuration)
        } catch let error as SluiceError where error.condition == .alreadyExists {
            throw SluiceError(.userInput, "table '\(name)' already exists in the warehouse \(location.description)", condition: .alreadyExists)
        }
        writeStandardError("created table '\(name)' (\(parsedSchema.count) columns) at \(path): version 0\n")
    }
}
