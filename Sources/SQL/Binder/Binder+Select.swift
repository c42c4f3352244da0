import SQLParser
import SluiceCore

extension Binder {
    /// Binds one `SELECT` with the `ORDER BY` of its query, in SQL's logical order: FROM, WHERE,
    /// GROUP BY and aggregates, HAVING, window functions, the select list, DISTINCT, ORDER BY.
    func bindSelect(_ select: Select, orderBy: [OrderByItem], outer: BindScope?) throws -> BoundQuery {
        var (plan, scope) = try bindFrom(select.from, outer: outer)

        if let whereClause = select.whereClause {
            let binder = ExpressionBinder(binder: self, scope: scope)
            binder.subqueriesAllowed = true
            let predicate = try binder.bindPredicate(whereClause, clause: "WHERE")
            plan = binder.applyPendingJoins(to: plan)
            if let predicate { plan = .filter(plan, predicate) }
        }

        let aggregation = try aggregationState(for: select, orderBy: orderBy, scope: scope)
        let windows = WindowState()
        let itemBinder = ExpressionBinder(binder: self, scope: scope)
        itemBinder.aggregation = aggregation
        itemBinder.windows = windows
        itemBinder.subqueriesAllowed = true

        // The select list.
        var outputs: [ComputedColumn] = []
        for item in select.items {
            switch item {
            case .wildcard(let range), .qualifiedWildcard(_, let range):
                var qualifier: String?
                if case .qualifiedWildcard(let name, _) = item { qualifier = name.name.value }
                let columns = scope.wildcardColumns(qualifier: qualifier)
                if columns.isEmpty {
                    throw BindError.make(qualifier.map { "no table named '\($0)' in FROM" } ?? "SELECT * without a FROM clause",
                                         at: range)
                }
                for column in columns {
                    let expression = try itemBinder.bindColumnForOutput(column, range: range)
                    outputs.append(output(expression, name: column.name))
                }
            case .expression(let expression, let alias, _):
                let bound = try itemBinder.bind(expression)
                outputs.append(output(bound, name: alias?.value ?? ExpressionNaming.name(of: expression)))
            }
        }

        // HAVING, after the aggregate and before the projection.
        var havingPredicate: PhysicalExpression?
        let havingBinder = ExpressionBinder(binder: self, scope: scope)
        havingBinder.aggregation = aggregation
        havingBinder.subqueriesAllowed = true
        if let having = select.having {
            guard aggregation != nil else {
                throw BindError.make("HAVING needs GROUP BY or an aggregate", at: having.range)
            }
            havingPredicate = try havingBinder.bindPredicate(having, clause: "HAVING")
        }

        // ORDER BY: output columns by position or alias, select-list expressions, or (without
        // DISTINCT) any expression over the FROM columns, computed as hidden outputs.
        var sortKeys: [SortKey] = []
        let visibleCount = outputs.count
        for item in orderBy {
            let target: PlanColumn
            if let column = try orderByOutput(item, select: select, outputs: outputs) {
                target = column
            } else {
                if select.isDistinct {
                    throw BindError.make("for SELECT DISTINCT, ORDER BY expressions must appear in the select list",
                                         at: item.range)
                }
                let bound = try itemBinder.bind(item.expression)
                let hidden = output(bound, name: ExpressionNaming.name(of: item.expression))
                outputs.append(hidden)
                target = hidden.column
            }
            sortKeys.append(SortKey(target.reference, isAscending: !item.isDescending, nullsFirst: item.nullsOrder == .first))
        }

        if let aggregation {
            plan = .aggregate(AggregateNode(input: plan, groups: aggregation.groups, aggregates: aggregation.aggregates))
        }
        plan = havingBinder.applyPendingJoins(to: plan)
        if let havingPredicate { plan = .filter(plan, havingPredicate) }
        if !windows.windows.isEmpty { plan = .window(plan, windows.windows) }
        plan = itemBinder.applyPendingJoins(to: plan)
        plan = .project(plan, outputs)

        var visible = Array(outputs[..<visibleCount].map(\.column))
        if select.isDistinct {
            let groups = visible.map { column in ComputedColumn(ids.make(column.name, column.type, nullable: column.isNullable),
                                                                column.reference) }
            let mapping = Dictionary(zip(visible.map(\.id), groups.map(\.column.id)), uniquingKeysWith: { first, _ in first })
            plan = .aggregate(AggregateNode(input: plan, groups: groups, aggregates: []))
            sortKeys = sortKeys.map { key in
                var copy = key
                copy.expression = key.expression.remappingColumns(mapping)
                return copy
            }
            visible = groups.map(\.column)
        }
        if !sortKeys.isEmpty {
            plan = .sort(SortNode(input: plan, keys: sortKeys, limit: nil, offset: 0))
        }
        if outputs.count > visibleCount {
            plan = .project(plan, visible.map { ComputedColumn($0, $0.reference) })
        }
        return BoundQuery(plan: plan, columns: visible)
    }

    /// A select-list output: a bare column keeps its id (renamed), anything else gets a new one.
    private func output(_ expression: PhysicalExpression, name: String) -> ComputedColumn {
        if case .column(let id, let type, _) = expression {
            return ComputedColumn(PlanColumn(id: id, name: name, type: type), expression)
        }
        return ComputedColumn(ids.make(name, expression.type), expression)
    }

    /// The output an `ORDER BY` item names: `ORDER BY 2`, an alias, or an expression written as
    /// in the select list.
    private func orderByOutput(_ item: OrderByItem, select: Select, outputs: [ComputedColumn]) throws -> PlanColumn? {
        if case .literal(.integer(let text), let range) = item.expression {
            guard let position = Int(text), position >= 1, position <= select.items.count, position <= outputs.count else {
                throw BindError.make("ORDER BY position \(text) is not in the select list", at: range)
            }
            return outputs[position - 1].column
        }
        if case .column(let name) = item.expression, name.parts.count == 1 {
            let wanted = name.name.value.lowercased()
            for (index, selectItem) in select.items.enumerated() {
                if case .expression(_, let alias?, _) = selectItem, alias.value.lowercased() == wanted, index < outputs.count {
                    return outputs[index].column
                }
            }
        }
        for (index, selectItem) in select.items.enumerated() {
            if case .expression(let expression, _, _) = selectItem, expression == item.expression, index < outputs.count {
                return outputs[index].column
            }
        }
        return nil
    }

    /// The grouping of a `SELECT`: nil when it neither groups nor aggregates.
    private func aggregationState(for select: Select, orderBy: [OrderByItem], scope: BindScope) throws -> AggregationState? {
        var expressionsToScan: [Expression] = select.items.compactMap { item in
            if case .expression(let expression, _, _) = item { return expression }
            return nil
        }
        if let having = select.having { expressionsToScan.append(having) }
        expressionsToScan += orderBy.map(\.expression)
        let aggregates = expressionsToScan.contains { AggregateDetection.containsAggregate($0) }
        guard aggregates || !select.groupBy.isEmpty || select.having != nil else { return nil }

        var groupExpressions: [Expression] = []
        var groupExpressionColumns: [PlanColumn] = []
        var groups: [ComputedColumn] = []
        let binder = ExpressionBinder(binder: self, scope: scope)
        for written in select.groupBy {
            let expression = try groupExpression(written, select: select, scope: scope)
            let bound = try binder.bind(expression)
            let column: PlanColumn
            if let existing = groups.first(where: { $0.expression == bound }) {
                column = existing.column
            } else {
                column = ids.make(ExpressionNaming.name(of: expression), bound.type)
                groups.append(ComputedColumn(column, bound))
            }
            for form in Set([written, expression]) {
                groupExpressions.append(form)
                groupExpressionColumns.append(column)
            }
        }
        return AggregationState(groupExpressions: groupExpressions, groupExpressionColumns: groupExpressionColumns,
                                groups: groups)
    }

    /// A `GROUP BY` item with positions (`GROUP BY 1`) and select-list aliases replaced by the
    /// expressions they stand for.
    private func groupExpression(_ written: Expression, select: Select, scope: BindScope) throws -> Expression {
        if case .literal(.integer(let text), let range) = written {
            guard let position = Int(text), position >= 1, position <= select.items.count,
                  case .expression(let expression, _, _) = select.items[position - 1] else {
                throw BindError.make("GROUP BY position \(text) is not in the select list", at: range)
            }
            return expression
        }
        if case .column(let name) = written, name.parts.count == 1, try scope.resolve(name) == nil {
            for item in select.items {
                if case .expression(let expression, let alias?, _) = item, alias.value.lowercased() == name.name.value.lowercased() {
                    return expression
                }
            }
        }
        return written
    }
}
