import SQLParser
import SluiceCore

/// Binds the expressions of one clause against a scope: names to column ids, literals and
/// parameters to typed constants, operators to typed `PhysicalExpression`s. Subqueries become
/// pending joins that the clause's plan takes on (`applyPendingJoins`).
///
/// In a grouped query, `aggregation` is set: expressions then see the groups and aggregates,
/// and a column outside both is an error.
final class ExpressionBinder: @unchecked Sendable {
    let binder: Binder
    let scope: BindScope
    var aggregation: AggregationState?
    var windows: WindowState?
    var subqueriesAllowed = false
    /// Inside an aggregate's argument: columns are read from the input, not the groups.
    var isInsideAggregate = false
    private(set) var pendingJoins: [PendingJoin] = []

    init(binder: Binder, scope: BindScope) {
        self.binder = binder
        self.scope = scope
    }

    func applyPendingJoins(to plan: LogicalPlan) -> LogicalPlan {
        defer { pendingJoins = [] }
        return pendingJoins.reduce(plan) { plan, join in join.applied(to: plan) }
    }

    /// A `WHERE`, `HAVING` or `ON` condition. Top-level `[NOT] EXISTS` and `[NOT] IN (subquery)`
    /// conjuncts become semi and anti joins; what remains is returned (nil when nothing does).
    func bindPredicate(_ expression: Expression, clause: String) throws -> PhysicalExpression? {
        var remaining: [PhysicalExpression] = []
        for conjunct in Self.conjuncts(of: expression) {
            if subqueriesAllowed, try bindFilteringSubquery(conjunct) { continue }
            let bound = try bind(conjunct)
            guard bound.type == .boolean || bound.literalValue == .null else {
                throw BindError.make("\(clause) condition must be BOOLEAN, not \(bound.type): \(conjunct)", at: conjunct.range)
            }
            remaining.append(bound.type == .boolean ? bound : .cast(bound, to: .boolean))
        }
        return PhysicalExpression.conjunction(remaining)
    }

    private static func conjuncts(of expression: Expression) -> [Expression] {
        if case .binary(.and, let left, let right, _) = expression { return conjuncts(of: left) + conjuncts(of: right) }
        return [expression]
    }

    /// A conjunct that filters rows by a subquery: planned as a semi or anti join.
    private func bindFilteringSubquery(_ conjunct: Expression) throws -> Bool {
        switch conjunct {
        case .exists(let query, _):
            let subquery = try binder.bind(query, outer: scope)
            pendingJoins.append(PendingJoin(kind: .semi, right: subquery.plan, condition: nil, mark: nil))
            return true
        case .unary(.not, .exists(let query, _), _):
            let subquery = try binder.bind(query, outer: scope)
            pendingJoins.append(PendingJoin(kind: .anti, right: subquery.plan, condition: nil, mark: nil))
            return true
        case .inSubquery(let value, let query, let negated, let range):
            let (condition, right) = try inCondition(value, query, range: range)
            pendingJoins.append(PendingJoin(kind: negated ? .nullAwareAnti : .semi, right: right, condition: condition, mark: nil))
            return true
        default:
            return false
        }
    }

    /// `value = subquery's column` and the subquery's plan.
    private func inCondition(_ value: Expression, _ query: Query, range: SourceRange) throws -> (PhysicalExpression, LogicalPlan) {
        let left = try bind(value)
        let subquery = try binder.bind(query, outer: scope)
        guard subquery.columns.count == 1 else {
            throw BindError.make("a subquery after IN must return one column, not \(subquery.columns.count)", at: range)
        }
        let right = subquery.columns[0]
        guard TypeCoercion.comparisonType(left.type, right.type) != nil else {
            throw BindError.make("cannot compare \(left.type) with the subquery's \(right.type)", at: range)
        }
        return (.comparison(.equal, left, right.reference), subquery.plan)
    }

    // MARK: - Expressions

    func bind(_ expression: Expression) throws -> PhysicalExpression {
        if let aggregation, !isInsideAggregate, let group = aggregation.group(matching: expression) {
            return group.reference
        }
        switch expression {
        case .literal(let literal, let range):
            return try LiteralBinding.bind(literal, range: range)
        case .column(let name):
            return try bindColumn(name)
        case .parameter(let parameter):
            guard parameter.index >= 1, parameter.index <= binder.parameters.count else {
                throw BindError.make("parameter \(parameter) has no value (\(binder.parameters.count) given)", at: parameter.range)
            }
            let value = binder.parameters[parameter.index - 1]
            return .literal(value, value.isNull ? .int32 : LiteralBinding.type(of: value))
        case .unary(let op, let operand, let range):
            return try bindUnary(op, operand, range: range)
        case .binary(let op, let left, let right, let range):
            return try bindBinary(op, left, right, range: range)
        case .isNull(let operand, let negated, _):
            return .isNull(try bind(operand), negated: negated)
        case .between(let value, let low, let high, let negated, let range):
            let bound = (try bind(value), try bind(low), try bind(high))
            for other in [bound.1, bound.2] where TypeCoercion.comparisonType(bound.0.type, other.type) == nil {
                throw BindError.make("cannot compare \(bound.0.type) with \(other.type) in BETWEEN", at: range)
            }
            return .between(bound.0, low: bound.1, high: bound.2, negated: negated)
        case .inList(let value, let list, let negated, let range):
            let boundValue = try bind(value)
            let items = try list.map { try bind($0) }
            guard let common = ExpressionBinder.unifiedType([boundValue] + items) else {
                throw BindError.make("IN list values do not compare with \(boundValue.type)", at: range)
            }
            return .inList(Self.cast(boundValue, to: common), items.map { Self.cast($0, to: common) }, negated: negated)
        case .like(let value, let pattern, let escape, let caseInsensitive, let negated, let range):
            var boundValue = try bind(value)
            var boundPattern = try bind(pattern)
            guard boundValue.type == .string || boundValue.literalValue == .null else {
                throw BindError.make("LIKE needs a string, not \(boundValue.type)", at: range)
            }
            if caseInsensitive {
                boundValue = .function(.lower, [boundValue], resultType: .string)
                boundPattern = .function(.lower, [boundPattern], resultType: .string)
            }
            var escapeCharacter: Character?
            if let escape {
                guard case .literal(.string(let text), _) = escape, text.count == 1 else {
                    throw BindError.make("ESCAPE must be a single character", at: escape.range)
                }
                escapeCharacter = text.first
            }
            return .like(boundValue, pattern: boundPattern, escape: escapeCharacter, negated: negated)
        case .exists(let query, _):
            try requireSubqueries(expression)
            let subquery = try binder.bind(query, outer: scope)
            let mark = binder.ids.make("exists", .boolean)
            pendingJoins.append(PendingJoin(kind: .mark, right: subquery.plan, condition: nil, mark: mark))
            return mark.reference
        case .inSubquery(let value, let query, let negated, let range):
            try requireSubqueries(expression)
            let (condition, right) = try inCondition(value, query, range: range)
            let mark = binder.ids.make("in", .boolean)
            pendingJoins.append(PendingJoin(kind: .mark, right: right, condition: condition, mark: mark))
            return negated ? .not(mark.reference) : mark.reference
        case .subquery(let query, let range):
            try requireSubqueries(expression)
            let subquery = try binder.bind(query, outer: scope)
            guard subquery.columns.count == 1 else {
                throw BindError.make("a subquery used as a value must return one column, not \(subquery.columns.count)", at: range)
            }
            pendingJoins.append(PendingJoin(kind: .single, right: subquery.plan, condition: nil, mark: nil))
            return subquery.columns[0].nullable().reference
        case .function(let call):
            return try bindFunction(call)
        case .cast(let operand, let typeName, let range):
            let target = try DataTypeNames.dataType(typeName)
            let bound = try bind(operand)
            guard ExpressionBinder.canCast(bound.type, to: target) else {
                throw BindError.make("cannot cast \(bound.type) to \(target)", at: range)
            }
            return bound.type == target ? bound : .cast(bound, to: target)
        case .caseWhen(let caseExpression):
            return try bindCase(caseExpression)
        case .extract(let field, let operand, let range):
            guard let part = DatePart(rawValue: field.rawValue) else {
                throw BindError.make("EXTRACT of \(field) is not supported", at: range)
            }
            let bound = try bind(operand)
            guard bound.type == .date || bound.type == .timestamp else {
                throw BindError.make("EXTRACT needs a DATE or TIMESTAMP, not \(bound.type)", at: range)
            }
            return .function(.extract(part), [bound], resultType: .int64)
        }
    }

    private func requireSubqueries(_ expression: Expression) throws {
        guard subqueriesAllowed else {
            throw BindError.make("subqueries are not allowed here", at: expression.range)
        }
    }

    private func bindColumn(_ name: QualifiedName) throws -> PhysicalExpression {
        guard let column = try scope.resolve(name) else {
            var message = "unknown column '\(name)'"
            if let suggestion = NameSuggestion.closest(to: name.name.value, among: scope.candidateNames()) {
                message += "; did you mean '\(suggestion)'?"
            }
            throw BindError.make(message, at: name.range)
        }
        return try bindColumnForOutput(column, range: name.range, written: name.description)
    }

    /// A resolved column as the clause sees it: in a grouped query, its group's column.
    func bindColumnForOutput(_ column: PlanColumn, range: SourceRange, written: String? = nil) throws -> PhysicalExpression {
        // Columns of enclosing queries (correlation) are constants here, not grouped.
        guard let aggregation, !isInsideAggregate, scope.entriesContain(column.id) else {
            return column.reference
        }
        if let group = aggregation.group(forColumn: column.id) { return group.reference }
        throw BindError.make("column '\(written ?? column.name)' must appear in the GROUP BY clause or be used in an "
                             + "aggregate function", at: range)
    }

    static func cast(_ expression: PhysicalExpression, to type: DataType) -> PhysicalExpression {
        if expression.type == type { return expression }
        if expression.literalValue == .null { return .literal(.null, type) }
        return .cast(expression, to: type)
    }

    /// The type a list of values unifies to; an untyped NULL literal takes the others' type
    /// (as DuckDB's NULL type does), and only NULLs give INTEGER.
    static func unifiedType(_ expressions: [PhysicalExpression]) -> DataType? {
        let types = expressions.filter { $0.literalValue != .null }.map(\.type)
        return types.isEmpty ? .int32 : TypeCoercion.commonSupertype(types)
    }

    static func canCast(_ from: DataType, to: DataType) -> Bool {
        if from == to || from == .string || to == .string { return true }
        switch (from, to) {
        case (.binary, _), (_, .binary): return false
        case (.boolean, let other), (let other, .boolean): return other.isInteger
        case (.date, .timestamp), (.timestamp, .date): return true
        case (.date, _), (_, .date), (.timestamp, _), (_, .timestamp): return false
        default: return from.isNumeric && to.isNumeric
        }
    }
}
