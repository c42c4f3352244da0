import SluiceCore

/// The `--where` options of table commands, checked against a table's schema before any data
/// is read, so a typo is reported with the table's columns instead of deep inside a scan.
enum TableFilter {
    /// Parses every predicate; all of them must hold for a row to match.
    /// - Parameters:
    ///   - texts: `column op value` texts, as `ColumnPredicate(parsing:)` reads them.
    ///   - schema: the table's columns at the version being read.
    ///   - tableName: named in the messages.
    /// - Throws: `SluiceError` (user input) for text that does not parse, an unknown column, or
    ///   a value that cannot be compared with its column.
    static func predicates(_ texts: [String], schema: Schema, tableName: String) throws -> [ColumnPredicate] {
        try texts.map { text in
            let predicate = try ColumnPredicate(parsing: text)
            guard let field = schema[predicate.column] else {
                throw SluiceError.userInput("no column '\(predicate.column)' in table '\(tableName)' (columns: \(schema.fields.map(\.name).joined(separator: ", ")))")
            }
            _ = try predicate.literal(as: field.type)
            return predicate
        }
    }
}
