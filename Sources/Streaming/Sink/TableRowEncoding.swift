import Dataflow
import SluiceCore

/// How a stream element becomes a table row: the table's schema and the element's values in
/// its order.
///
/// A value type; `Sendable`.
public struct TableRowEncoding<Element>: Sendable {
    public var schema: Schema
    public var values: @Sendable (Element) throws -> [Value]

    public init(schema: Schema, values: @escaping @Sendable (Element) throws -> [Value]) {
        self.schema = schema
        self.values = values
    }
}

extension TableRowEncoding where Element == Row {
    /// Rows written by column name into a table of `schema` (columns a row lacks are null).
    public static func rows(_ schema: Schema) -> TableRowEncoding<Row> {
        TableRowEncoding(schema: schema) { row in
            schema.fields.map { field in row.layout.index(of: field.name).map { row.values[$0] } ?? .null }
        }
    }
}
