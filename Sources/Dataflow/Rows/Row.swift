import SluiceCore

/// One record of a source with a schema (CSV, JSON Lines, Parquet, a table): its values in the
/// schema's order, with the schema shared by every row of the source through a `RowLayout`.
///
/// Values are read by position (`row[2]`), by name (`try row["price"]`) or typed
/// (`try row.double("price")`), where nil means the value is null. Rows shuffle (they are
/// `ShuffleCodable`) and save (`saveAsParquet`, `saveAsTable`). To save a dataset of your own
/// type, map it to rows first:
///
/// ```swift
/// let layout = RowLayout.of(try Schema(parsing: "word STRING, count INT64"))
/// try await counts.map { Row(layout: layout, values: [.string($0.0), .int64(Int64($0.1))]) }
///     .saveAsParquet(to: "out", schema: layout.schema)
/// ```
///
/// A value type; `Sendable`.
public struct Row: Sendable, Equatable, CustomStringConvertible {
    public let layout: RowLayout
    public var values: [Value]

    /// - Precondition: one value per field of the layout's schema.
    @inlinable
    public init(layout: RowLayout, values: [Value]) {
        precondition(values.count == layout.schema.count, "a row of \(layout.schema.count) fields got \(values.count) values")
        self.layout = layout
        self.values = values
    }

    /// A row of `schema`; looks its layout up, so prefer `init(layout:values:)` per record.
    public init(schema: Schema, values: [Value]) {
        self.init(layout: RowLayout.of(schema), values: values)
    }

    public var schema: Schema { layout.schema }

    public var count: Int { values.count }

    /// The value at a position of the schema.
    @inlinable
    public subscript(index: Int) -> Value {
        values[index]
    }

    /// The value of the column named `name`.
    /// - Throws: `SluiceError` (user input) when the schema has no such column.
    public subscript(name: String) -> Value {
        get throws { values[try index(of: name)] }
    }

    /// The position of the column named `name`.
    /// - Throws: `SluiceError` (user input) listing the columns when there is none of that name.
    public func index(of name: String) throws -> Int {
        guard let index = layout.index(of: name) else {
            throw SluiceError.userInput("row has no column '\(name)'; columns are \(schema.fields.map(\.name).joined(separator: ", "))",
                                        at: SourceLocation(field: name))
        }
        return index
    }

    public static func == (lhs: Row, rhs: Row) -> Bool {
        (lhs.layout === rhs.layout || lhs.schema == rhs.schema) && lhs.values == rhs.values
    }

    /// `{name: value, ...}`, for logs and test failures.
    public var description: String {
        "{" + zip(schema.fields, values).map { "\($0.name): \($1)" }.joined(separator: ", ") + "}"
    }
}
