import SQLParser
import SluiceCore

/// Runs one parsed statement: queries through binder, optimizer, physical planner and
/// operators; `CREATE`, `INSERT`, `DELETE` and `DROP` against the catalog; `SHOW TABLES`,
/// `DESCRIBE` and `EXPLAIN` as small results.
struct StatementRunner {
    let catalog: any Catalog
    let context: ExecutionContext
    let parameters: [Value]

    func run(_ statement: Statement) throws -> QueryResult {
        switch statement {
        case .query(let query):
            let planned = try plan(query)
            return try collect(planned)
        case .explain(let explain):
            return try self.explain(explain)
        case .createTable(let create):
            return try createTable(create)
        case .insert(let insert):
            let written = try self.insert(insert)
            return QueryResult(schema: Schema([]), batches: [], message: "INSERT \(written)")
        case .delete(let delete):
            return try self.delete(delete)
        case .dropTable(let drop):
            try catalog.dropTable(named: drop.name.name.value, ifExists: drop.ifExists)
            return QueryResult(schema: Schema([]), batches: [], message: "DROP TABLE")
        case .createView(let create):
            return try createView(create)
        case .dropView(let drop):
            try catalog.dropView(named: drop.name.name.value, ifExists: drop.ifExists)
            return QueryResult(schema: Schema([]), batches: [], message: "DROP VIEW")
        case .showTables:
            let names = try catalog.tableNames()
            let schema = Schema([Field("name", .string, nullable: false)])
            return QueryResult(schema: schema, batches: [RecordBatch(schema: schema, columns: [try Column(type: .string, names.map(Value.string))])])
        case .describe(let name, _):
            let fields = try describedFields(name)
            // DuckDB's six columns; key, default and extra have nothing to say here.
            let schema = Schema([Field("column_name", .string, nullable: false), Field("column_type", .string, nullable: false),
                                 Field("null", .string, nullable: false), Field("key", .string), Field("default", .string),
                                 Field("extra", .string)])
            let nulls = try Column(type: .string, fields.map { _ in .null })
            let columns = [
                try Column(type: .string, fields.map { .string($0.name) }),
                try Column(type: .string, fields.map { .string(SQLTypeName.name(of: $0.type)) }),
                try Column(type: .string, fields.map { .string($0.isNullable ? "YES" : "NO") }),
                nulls, nulls, nulls,
            ]
            return QueryResult(schema: schema, batches: [RecordBatch(schema: schema, columns: columns)])
        }
    }

    // MARK: - Queries

    struct PlannedQuery {
        var stream: any BatchStream
        var isOrdered: Bool
    }

    func plan(_ query: Query, profiles: Bool = false) throws -> PlannedQuery {
        let bound = try Binder(catalog: catalog, parameters: parameters).bind(query)
        let optimized = try Optimizer.optimize(bound.plan)
        var planner = PhysicalPlanner(context: context)
        planner.profiles = profiles
        let stream = try planner.plan(optimized, outputColumns: bound.columns)
        return PlannedQuery(stream: stream, isOrdered: Self.isOrdered(optimized))
    }

    /// Whether the plan's rows come out in an order that must be kept.
    private static func isOrdered(_ plan: LogicalPlan) -> Bool {
        switch plan {
        case .sort: true
        case .project(let input, _), .limit(let input, _, _), .filter(let input, _): isOrdered(input)
        default: false
        }
    }

    /// Pulls the whole result; an ordered one with a single thread so batches stay in order.
    func collect(_ planned: PlannedQuery) throws -> QueryResult {
        let states = try StreamDrain.drain(planned.stream, threadCount: planned.isOrdered ? 1 : context.threadCount,
                                           makeState: { [RecordBatch]() }, consume: { batches, batch in
            if batch.rowCount > 0 { batches.append(batch) }
        })
        return QueryResult(schema: planned.stream.schema, batches: states.flatMap { $0 })
    }

    private func explain(_ explain: Explain) throws -> QueryResult {
        guard case .query(let query) = explain.statement else {
            throw SluiceError.userInput("EXPLAIN shows the plans of queries (SELECT, VALUES, WITH)")
        }
        let planned = try plan(query, profiles: explain.isAnalyze)
        if explain.isAnalyze { _ = try collect(planned) }
        let lines = PlanExplanation.lines(planned.stream)
        let schema = Schema([Field("plan", .string, nullable: false)])
        return QueryResult(schema: schema, batches: [RecordBatch(schema: schema, columns: [try Column(type: .string, lines.map(Value.string))])])
    }

    // MARK: - Changes

    private func tableSource(_ name: QualifiedName) throws -> any TableSource {
        do {
            return try catalog.table(named: name.name.value, at: .latest)
        } catch let error as SluiceError where error.condition == .notFound {
            throw BindError.make(error.message, at: name.range)
        }
    }

    /// The columns `DESCRIBE` lists: a table's schema, or what a view's query gives.
    private func describedFields(_ name: QualifiedName) throws -> [Field] {
        if name.parts.count == 1, let definition = try catalog.viewDefinition(named: name.name.value) {
            let bound = try Binder(catalog: catalog, parameters: parameters)
                .bindView(named: name.name.value, definition: definition, range: name.range)
            return bound.columns.map(\.field)
        }
        return try tableSource(name).schema.fields
    }

    /// `CREATE VIEW`: the query is bound now, so a view over a missing table or column is refused
    /// when it is made; what is stored is its SQL text, bound afresh by every query that reads it.
    private func createView(_ create: CreateView) throws -> QueryResult {
        let name = create.name.name.value
        let bound = try Binder(catalog: catalog, parameters: parameters).bind(create.query)
        var definition = create.query.description
        if !create.columnNames.isEmpty {
            guard create.columnNames.count == bound.columns.count else {
                throw BindError.make("\(create.columnNames.count) column names given for \(bound.columns.count) columns", at: create.range)
            }
            let names = create.columnNames.map(\.description).joined(separator: ", ")
            definition = "SELECT * FROM (\(definition)) AS \(create.name.name.description)(\(names))"
        }
        try catalog.createView(named: name, definition: definition, replace: create.orReplace, ifNotExists: create.ifNotExists)
        return QueryResult(schema: Schema([]), batches: [], message: "CREATE VIEW")
    }

    private func createTable(_ create: CreateTable) throws -> QueryResult {
        let name = create.name.name.value
        let partitionColumns = create.partitionedBy.map(\.value)
        if let query = create.query {
            let result = try collect(try plan(query))
            try catalog.createTable(named: name, schema: result.schema, partitionColumns: partitionColumns, ifNotExists: create.ifNotExists)
            let written = try catalog.insert(into: name, batches: result.batches)
            return QueryResult(schema: Schema([]), batches: [], message: "CREATE TABLE \(written)")
        }
        var fields: [Field] = []
        for column in create.columns {
            guard !fields.contains(where: { $0.name.lowercased() == column.name.value.lowercased() }) else {
                throw BindError.make("column '\(column.name.value)' is declared twice", at: column.range)
            }
            fields.append(Field(column.name.value, try DataTypeNames.dataType(column.type), nullable: column.isNullable))
        }
        for partition in create.partitionedBy where !fields.contains(where: { $0.name.lowercased() == partition.value.lowercased() }) {
            throw BindError.make("partition column '\(partition.value)' is not a column of the table", at: partition.range)
        }
        try catalog.createTable(named: name, schema: Schema(fields), partitionColumns: partitionColumns, ifNotExists: create.ifNotExists)
        return QueryResult(schema: Schema([]), batches: [], message: "CREATE TABLE")
    }

    /// `INSERT INTO t [(columns)] query`: the query's columns are cast to the table's types and
    /// placed by name list (missing columns are NULL); one commit.
    private func insert(_ insert: Insert) throws -> Int {
        let source = try tableSource(insert.table)
        let tableFields = source.schema.fields
        let binder = Binder(catalog: catalog, parameters: parameters)
        let bound = try binder.bind(insert.source)
        let targetNames = insert.columns.isEmpty ? tableFields.map(\.name) : insert.columns.map(\.value)
        guard bound.columns.count == targetNames.count else {
            throw BindError.make("INSERT has \(targetNames.count) target columns but the query gives \(bound.columns.count)",
                                 at: insert.range)
        }
        var computed: [ComputedColumn] = []
        for field in tableFields {
            let column = binder.ids.make(field.name, field.type, nullable: field.isNullable)
            if let position = targetNames.firstIndex(where: { $0.lowercased() == field.name.lowercased() }) {
                let value = bound.columns[position]
                guard ExpressionBinder.canCast(value.type, to: field.type) else {
                    throw BindError.make("cannot insert \(value.type) into column '\(field.name)' of type \(field.type)",
                                         at: insert.range)
                }
                computed.append(ComputedColumn(column, ExpressionBinder.cast(value.reference, to: field.type)))
            } else {
                guard field.isNullable else {
                    throw BindError.make("column '\(field.name)' is NOT NULL and gets no value", at: insert.range)
                }
                computed.append(ComputedColumn(column, .literal(.null, field.type)))
            }
        }
        for name in targetNames where !tableFields.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            throw BindError.make("table '\(insert.table.name.value)' has no column '\(name)'", at: insert.range)
        }
        let plan = try Optimizer.optimize(.project(bound.plan, computed))
        let stream = try PhysicalPlanner(context: context).plan(plan, outputColumns: computed.map(\.column))
        let result = try collect(PlannedQuery(stream: stream, isOrdered: false))
        let conformed = try result.batches.map { batch in
            try Self.checkingNotNull(RecordBatch(schema: source.schema, columns: batch.columns), table: insert.table.name.value)
        }
        return try catalog.insert(into: insert.table.name.value, batches: conformed)
    }

    private static func checkingNotNull(_ batch: RecordBatch, table: String) throws -> RecordBatch {
        for (field, column) in zip(batch.schema.fields, batch.columns) where !field.isNullable && column.nullCount > 0 {
            throw SluiceError.userInput("NULL in column '\(field.name)' of table '\(table)', which is NOT NULL")
        }
        return batch
    }

    private func delete(_ delete: Delete) throws -> QueryResult {
        let source = try tableSource(delete.table)
        var predicate: PhysicalExpression?
        if let whereClause = delete.whereClause {
            let columns = source.schema.fields.enumerated().map { index, field in
                PlanColumn(id: index, name: field.name, type: field.type, isNullable: field.isNullable)
            }
            let scope = BindScope(entries: columns.map { BindScope.Entry(qualifier: delete.table.name.value.lowercased(), column: $0) },
                                  parent: nil)
            let binder = ExpressionBinder(binder: Binder(catalog: catalog, parameters: parameters), scope: scope)
            predicate = try binder.bindPredicate(whereClause, clause: "WHERE").map(ConstantFolding.fold)
        }
        let deleted = try catalog.delete(from: delete.table.name.value, where: predicate, context: context)
        return QueryResult(schema: Schema([]), batches: [], message: "DELETE \(deleted)")
    }
}
