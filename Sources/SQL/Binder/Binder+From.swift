import SQLParser
import SluiceCore

extension Binder {
    /// Binds a `FROM` list: comma-separated items become cross joins (the optimizer turns the
    /// `WHERE` conditions into join conditions); no `FROM` is one row without columns.
    func bindFrom(_ items: [TableReference], outer: BindScope?) throws -> (LogicalPlan, BindScope) {
        guard let first = items.first else {
            return (.values(ValuesNode(columns: [], rows: [[]])), BindScope(parent: outer))
        }
        var (plan, scope) = try bindTableReference(first, outer: outer)
        for item in items.dropFirst() {
            let (right, rightScope) = try bindTableReference(item, outer: outer)
            plan = .join(JoinNode(kind: .inner, left: plan, right: right, condition: nil, mark: nil))
            scope = scope.merged(with: rightScope)
        }
        return (plan, scope)
    }

    func bindTableReference(_ reference: TableReference, outer: BindScope?) throws -> (LogicalPlan, BindScope) {
        switch reference {
        case .table(let name, let timeTravel, let alias, let range):
            if timeTravel == nil, name.parts.count == 1, let table = commonTable(named: name.name.value) {
                let bound = try bindCommonTable(table, outer: outer)
                let names = table.columnNames.isEmpty ? nil : table.columnNames
                return try derivedTable(bound, qualifier: alias?.name.value ?? name.name.value,
                                        columnNames: alias.flatMap { $0.columnNames.isEmpty ? nil : $0.columnNames } ?? names,
                                        outer: outer, range: range)
            }
            if name.parts.count == 1, let definition = try catalog.viewDefinition(named: name.name.value) {
                guard timeTravel == nil else {
                    throw BindError.make("'\(name.name.value)' is a view; time travel applies to the tables it reads", at: range)
                }
                let bound = try bindView(named: name.name.value, definition: definition, range: name.range)
                return try derivedTable(bound, qualifier: alias?.name.value ?? name.name.value,
                                        columnNames: alias.flatMap { $0.columnNames.isEmpty ? nil : $0.columnNames },
                                        outer: outer, range: range)
            }
            let version = try timeTravel.map(tableVersion) ?? .latest
            let source: any TableSource
            do {
                source = try catalog.table(named: name.name.value, at: version)
            } catch let error as SluiceError where error.condition == .notFound {
                throw BindError.make(error.message, at: name.range)
            }
            return scan(source, label: name.name.value, alias: alias, outer: outer, range: range)
        case .file(let path, let alias, let range):
            let source = try locating(range) { try catalog.files(path, format: nil) }
            return scan(source, label: "'\(path)'", alias: alias ?? fileAlias(path), outer: outer, range: range)
        case .function(let name, let arguments, let alias, let range):
            let function = name.name.value.lowercased()
            let format: FileFormat
            switch function {
            case "read_parquet", "parquet_scan": format = .parquet
            case "read_csv", "read_csv_auto": format = .csv
            case "read_json", "read_json_auto", "read_ndjson": format = .jsonLines
            default:
                throw BindError.make("unknown table function '\(name)' (try read_parquet, read_csv or read_json)", at: range)
            }
            guard arguments.count == 1, case .literal(.string(let path), _) = arguments[0] else {
                throw BindError.make("\(function) takes one file path or glob as a string", at: range)
            }
            let source = try locating(range) { try catalog.files(path, format: format) }
            return scan(source, label: "\(function)('\(path)')", alias: alias ?? fileAlias(path), outer: outer, range: range)
        case .subquery(let query, let alias, let range):
            let bound = try bind(query, outer: outer)
            return try derivedTable(bound, qualifier: alias?.name.value,
                                    columnNames: alias.flatMap { $0.columnNames.isEmpty ? nil : $0.columnNames },
                                    outer: outer, range: range)
        case .join(let join):
            return try bindJoin(join, outer: outer)
        }
    }

    private func locating<T>(_ range: SourceRange, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SluiceError where error.fault == .userInput && error.location == nil {
            throw BindError.make(error.message, at: range)
        }
    }

    private func fileAlias(_ path: String) -> TableAlias? {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let stem = base.split(separator: ".").first.map(String.init) ?? base
        return TableAlias(name: Identifier(stem), columnNames: [])
    }

    private func scan(_ source: any TableSource, label: String, alias: TableAlias?, outer: BindScope?,
                      range: SourceRange) -> (LogicalPlan, BindScope) {
        let fields = source.schema.fields
        let columns = fields.enumerated().map { index, field in
            let name = alias.flatMap { index < $0.columnNames.count ? $0.columnNames[index].value : nil } ?? field.name
            return ids.make(name, field.type, nullable: field.isNullable)
        }
        let qualifier = (alias?.name.value ?? label).lowercased()
        let scope = BindScope(entries: columns.map { BindScope.Entry(qualifier: qualifier, column: $0) }, parent: outer)
        let node = ScanNode(source: source, columns: columns, sourceColumns: Array(fields.indices), filters: [],
                            label: alias.map { "\(label) AS \($0.name.value)" } ?? label)
        return (.scan(node), scope)
    }

    /// A subquery or CTE in `FROM`: its columns under a qualifier, renamed by a column list.
    private func derivedTable(_ bound: BoundQuery, qualifier: String?, columnNames: [Identifier]?, outer: BindScope?,
                              range: SourceRange) throws -> (LogicalPlan, BindScope) {
        var columns = bound.columns
        var plan = bound.plan
        if let columnNames {
            guard columnNames.count <= columns.count else {
                throw BindError.make("\(columnNames.count) column names given for \(columns.count) columns", at: range)
            }
            for (index, name) in columnNames.enumerated() { columns[index].name = name.value }
        }
        // Fresh ids when the same column appears twice, so each output is its own column.
        var seen = Set<Int>()
        var computed: [ComputedColumn] = []
        var renumbered = false
        for column in columns {
            if seen.insert(column.id).inserted {
                computed.append(ComputedColumn(column, column.reference))
            } else {
                renumbered = true
                computed.append(ComputedColumn(ids.make(column.name, column.type, nullable: column.isNullable), column.reference))
            }
        }
        if renumbered || columnNames != nil { plan = .project(plan, computed) }
        columns = computed.map(\.column)
        let scope = BindScope(entries: columns.map { BindScope.Entry(qualifier: qualifier?.lowercased(), column: $0) },
                              parent: outer)
        return (plan, scope)
    }

    private func bindJoin(_ join: Join, outer: BindScope?) throws -> (LogicalPlan, BindScope) {
        let (left, leftScope) = try bindTableReference(join.left, outer: outer)
        let (right, rightScope) = try bindTableReference(join.right, outer: outer)
        var scope = leftScope.merged(with: rightScope)
        let kind: JoinKind = switch join.kind {
        case .inner, .cross: .inner
        case .left: .left
        case .right: .right
        case .full: .full
        }
        var condition: PhysicalExpression?
        switch join.condition {
        case .none:
            break
        case .on(let expression):
            let binder = ExpressionBinder(binder: self, scope: scope)
            condition = try binder.bindPredicate(expression, clause: "ON")
        case .using(let names):
            (condition, scope) = try usingCondition(names.map(\.value), leftScope: leftScope, rightScope: rightScope,
                                                    scope: scope, range: join.range)
        case .natural:
            let leftNames = Set(leftScope.wildcardColumns(qualifier: nil).map { $0.name.lowercased() })
            let common = rightScope.wildcardColumns(qualifier: nil).map(\.name).filter { leftNames.contains($0.lowercased()) }
            (condition, scope) = try usingCondition(common, leftScope: leftScope, rightScope: rightScope, scope: scope,
                                                    range: join.range)
        }
        return (.join(JoinNode(kind: kind, left: left, right: right, condition: condition, mark: nil)), scope)
    }

    private func usingCondition(_ names: [String], leftScope: BindScope, rightScope: BindScope, scope: BindScope,
                                range: SourceRange) throws -> (PhysicalExpression?, BindScope) {
        var conjuncts: [PhysicalExpression] = []
        var hidden = Set<Int>()
        for name in names {
            let qualified = QualifiedName([Identifier(name)])
            guard let left = try leftScope.resolve(qualified), let right = try rightScope.resolve(qualified) else {
                throw BindError.make("column '\(name)' of USING is not on both sides of the join", at: range)
            }
            conjuncts.append(.comparison(.equal, left.reference, right.reference))
            hidden.insert(right.id)
        }
        return (PhysicalExpression.conjunction(conjuncts), scope.hiding(columnIDs: hidden))
    }

    private func tableVersion(_ timeTravel: TimeTravel) throws -> TableVersion {
        let binder = ExpressionBinder(binder: self, scope: BindScope(parent: nil))
        switch timeTravel {
        case .version(let expression):
            guard let version = try ConstantFolding.evaluateConstant(try binder.bind(expression))?.integerValue else {
                throw BindError.make("VERSION AS OF needs an integer", at: expression.range)
            }
            return .number(version)
        case .timestamp(let expression):
            let bound = try binder.bind(expression)
            guard let value = try ConstantFolding.evaluateConstant(.cast(bound, to: .timestamp)),
                  case .timestamp(let micros) = value else {
                throw BindError.make("TIMESTAMP AS OF needs a timestamp", at: expression.range)
            }
            return .asOfMillis(micros / 1000)
        }
    }
}
