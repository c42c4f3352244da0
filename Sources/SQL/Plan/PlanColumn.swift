import SluiceCore

/// A column a logical plan node produces. Its `id` is unique within one statement and stays
/// the same while the column flows up through filters, joins and pass-through projections, so
/// optimizer rules can move operators around without renumbering anything.
///
/// In a logical plan, `PhysicalExpression.column(index:type:name:)` holds a column's `id` in
/// `index`; the physical planner rewrites ids into batch positions.
public struct PlanColumn: Sendable, Equatable, CustomStringConvertible {
    public let id: Int
    public var name: String
    public var type: DataType
    public var isNullable: Bool

    public init(id: Int, name: String, type: DataType, isNullable: Bool = true) {
        self.id = id
        self.name = name
        self.type = type
        self.isNullable = isNullable
    }

    /// An expression that reads this column.
    public var reference: PhysicalExpression { .column(index: id, type: type, name: name) }

    public var field: Field { Field(name, type, nullable: isNullable) }

    public var description: String { "\(name)#\(id)" }
}

/// A column computed by a projection or a grouping: its output and the expression over the
/// input's columns.
public struct ComputedColumn: Sendable, Equatable {
    public var column: PlanColumn
    public var expression: PhysicalExpression

    public init(_ column: PlanColumn, _ expression: PhysicalExpression) {
        self.column = column
        self.expression = expression
    }
}

/// Hands out column ids for one statement.
final class ColumnIDGenerator: @unchecked Sendable {
    private var nextID = 0

    func make(_ name: String, _ type: DataType, nullable: Bool = true) -> PlanColumn {
        defer { nextID += 1 }
        return PlanColumn(id: nextID, name: name, type: type, isNullable: nullable)
    }
}
