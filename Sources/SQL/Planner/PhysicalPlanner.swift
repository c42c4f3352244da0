import SluiceCore

/// Turns an optimized logical plan into a tree of `BatchStream` operators: column ids become
/// batch positions, equality conjuncts of join conditions become hash keys (cast to one type
/// per pair), the smaller side of an inner or outer join becomes the build side, and joins
/// without keys run as nested loops.
struct PhysicalPlanner {
    let context: ExecutionContext
    /// Wraps every operator to count its rows and time (`EXPLAIN ANALYZE`).
    var profiles: Bool = false

    /// An operator and the column ids of its batches, in order.
    struct Planned {
        var stream: any BatchStream
        var layout: [Int]
    }

    func plan(_ plan: LogicalPlan, outputColumns: [PlanColumn]) throws -> any BatchStream {
        let planned = try self.plan(plan)
        return try conform(planned, to: outputColumns).stream
    }

    func plan(_ plan: LogicalPlan) throws -> Planned {
        let planned = try planNode(plan)
        guard profiles else { return planned }
        return Planned(stream: ProfiledStream(planned.stream), layout: planned.layout)
    }

    private func planNode(_ plan: LogicalPlan) throws -> Planned {
        switch plan {
        case .scan(let scan):
            let layout = scan.columns.map(\.id)
            let filters = try scan.filters.map { try bind($0, layout) }
            let stream = try scan.source.scan(columns: scan.sourceColumns, filters: filters, context: context)
            return Planned(stream: stream, layout: layout)
        case .values(let values):
            let schema = Self.schema(values.columns)
            var columns: [Column] = []
            for (index, column) in values.columns.enumerated() {
                let cells = try values.rows.map { row in try ConstantFolding.evaluateConstant(row[index]) ?? .null }
                columns.append(try Column(type: column.type, cells))
            }
            let batch = values.columns.isEmpty
                ? RecordBatch(schema: schema, columns: [], rowCount: values.rows.count)
                : RecordBatch(schema: schema, columns: columns)
            return Planned(stream: BatchListStream(schema: schema, batches: [batch], name: "Values",
                                                   details: "\(values.rows.count) rows"),
                           layout: values.columns.map(\.id))
        case .filter(let input, let predicate):
            let child = try self.plan(input)
            return Planned(stream: FilterStream(input: child.stream, predicate: try bind(predicate, child.layout)),
                           layout: child.layout)
        case .project(let input, let columns):
            let child = try self.plan(input)
            let expressions = try columns.map { try bind($0.expression, child.layout) }
            return Planned(stream: ProjectStream(input: child.stream, expressions: expressions,
                                                 outputSchema: Self.schema(columns.map(\.column))),
                           layout: columns.map(\.column.id))
        case .aggregate(let aggregate):
            let child = try self.plan(aggregate.input)
            let keys = try aggregate.groups.map { try bind($0.expression, child.layout) }
            let calls = try aggregate.aggregates.map { column in
                var call = column.call
                call.argument = try call.argument.map { try bind($0, child.layout) }
                return call
            }
            let output = aggregate.groups.map(\.column) + aggregate.aggregates.map(\.column)
            let stream = HashAggregateStream(input: child.stream, groupKeys: keys, aggregates: calls,
                                             outputSchema: Self.schema(output), context: context)
            return Planned(stream: stream, layout: output.map(\.id))
        case .join(let join):
            return try planJoin(join, columns: plan.columns)
        case .sort(let sort):
            let child = try self.plan(sort.input)
            let keys = try sort.keys.map { key in
                var bound = key
                bound.expression = try bind(key.expression, child.layout)
                return bound
            }
            return Planned(stream: SortStream(input: child.stream, keys: keys, limit: sort.limit, offset: sort.offset,
                                              context: context),
                           layout: child.layout)
        case .limit(let input, let limit, let offset):
            let child = try self.plan(input)
            return Planned(stream: LimitStream(input: child.stream, limit: limit, offset: offset), layout: child.layout)
        case .window(let input, let windows):
            let child = try self.plan(input)
            let calls = try windows.map { window in
                var call = window.call
                call.partitionBy = try call.partitionBy.map { try bind($0, child.layout) }
                call.orderBy = try call.orderBy.map { key in
                    var bound = key
                    bound.expression = try bind(key.expression, child.layout)
                    return bound
                }
                if var aggregate = call.aggregate {
                    aggregate.argument = try aggregate.argument.map { try bind($0, child.layout) }
                    call.aggregate = aggregate
                }
                return call
            }
            let output = plan.columns
            let stream = WindowStream(input: child.stream, calls: calls, outputSchema: Self.schema(output), context: context)
            return Planned(stream: stream, layout: child.layout + windows.map(\.column.id))
        case .setOperation(let operation):
            let left = try conform(try self.plan(operation.left), to: operation.left.columns)
            let right = try conform(try self.plan(operation.right), to: operation.right.columns)
            let schema = Self.schema(operation.columns)
            let stream: any BatchStream = operation.kind == .union && operation.all
                ? UnionAllStream(inputs: [left.stream, right.stream], outputSchema: schema)
                : SetOperationStream(kind: operation.kind, all: operation.all, left: left.stream, right: right.stream,
                                     outputSchema: schema, context: context)
            return Planned(stream: stream, layout: operation.columns.map(\.id))
        }
    }

    /// The planned operator with its columns in exactly the order of `columns`.
    func conform(_ planned: Planned, to columns: [PlanColumn]) throws -> Planned {
        let ids = columns.map(\.id)
        if planned.layout == ids, planned.stream.schema.fields.map(\.name) == columns.map(\.name) { return planned }
        let expressions = try columns.map { try bind($0.reference, planned.layout) }
        let stream = ProjectStream(input: planned.stream, expressions: expressions, outputSchema: Self.schema(columns))
        return Planned(stream: profiles ? ProfiledStream(stream) : stream, layout: ids)
    }

    /// An expression over column ids rewritten over batch positions.
    func bind(_ expression: PhysicalExpression, _ layout: [Int]) throws -> PhysicalExpression {
        var positions: [Int: Int] = [:]
        for (position, id) in layout.enumerated() where positions[id] == nil { positions[id] = position }
        for id in expression.columnIDs where positions[id] == nil {
            throw SluiceError.internal("column #\(id) of \(expression) is not among the input's columns \(layout)")
        }
        return expression.remappingColumns(positions)
    }

    static func schema(_ columns: [PlanColumn]) -> Schema {
        Schema(columns.map(\.field))
    }
}
