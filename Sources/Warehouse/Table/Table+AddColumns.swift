import SluiceCore

extension Table {
    /// Adds columns at the end of the schema, in one commit of a new `metaData` action (same
    /// table id, partition columns and properties). No data file is rewritten: rows written
    /// before read the new columns as nulls, and later writes may fill them.
    ///
    /// A concurrent commit that changes the metadata too conflicts; concurrent appends do not.
    /// - Throws: `SluiceError` (user input) for no columns, a NOT NULL column (rows already in
    ///   the table have no value for it), or a name already taken (letter case aside);
    ///   condition `.commitConflict` on a conflicting race.
    @discardableResult
    public func addColumns(_ fields: [Field]) throws -> CommitResult {
        guard !fields.isEmpty else { throw SluiceError.userInput("add at least one column") }
        let snapshot = try snapshot()
        var taken = Set(snapshot.schema.fields.map { $0.name.lowercased() })
        for field in fields {
            guard !field.name.isEmpty else { throw SluiceError.userInput("a new column needs a name") }
            guard field.isNullable else {
                throw SluiceError.userInput("column '\(field.name)' cannot be NOT NULL: the rows already in \(path) have no value "
                                            + "for it; add it as nullable", at: SourceLocation(field: field.name))
            }
            guard taken.insert(field.name.lowercased()).inserted else {
                throw SluiceError.userInput("table \(path) already has a column named '\(field.name)' (column names ignore letter case)",
                                            at: SourceLocation(field: field.name))
            }
        }
        var metadata = snapshot.metadata
        metadata.schemaString = try Table.appending(fields, toSchemaString: metadata.schemaString)
        let intent = CommitIntent(operation: "ADD COLUMNS", readSnapshot: snapshot, isBlindAppend: false)
        let described: [String] = fields.map { "\($0.name) \(DeltaSchema.typeName($0.type))" }
        return try commit([.metadata(metadata)], intent: intent,
                          parameters: ["columns": .string(try LogJSON.encode(described))],
                          metrics: ["numColumnsAdded": .integer(Int64(fields.count))])
    }

    /// The schema string with fields appended, the existing ones kept exactly as written: other
    /// writers' types (`short`, `float`) and field metadata must survive, though Sluice reads them
    /// as wider types.
    static func appending(_ fields: [Field], toSchemaString schemaString: String) throws -> String {
        guard case .object(var root) = try LogJSON.decode(JSONValue.self, from: schemaString),
              case .array(let existing)? = root["fields"],
              case .array(let added)? = try LogJSON.decode(JSONValue.self, from: DeltaSchema.schemaString(Schema(fields)))["fields"] else {
            throw SluiceError.data("the table's schemaString is not a struct with fields")
        }
        root["fields"] = .array(existing + added)
        return try LogJSON.encode(JSONValue.object(root))
    }
}
