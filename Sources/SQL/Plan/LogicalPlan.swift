import SluiceCore

/// A query as relational operators over columns identified by `PlanColumn.id`: what the binder
/// builds, the optimizer rewrites, and the physical planner turns into `BatchStream`s.
public indirect enum LogicalPlan: Sendable {
    /// Reads `columns` (positions `sourceColumns` of the source's schema); keeps the rows where
    /// every filter is TRUE.
    case scan(ScanNode)
    /// Constant rows (`VALUES`, `SELECT` without `FROM`).
    case values(ValuesNode)
    case filter(LogicalPlan, PhysicalExpression)
    /// Computes `columns` from each input row. A column whose expression is exactly an input
    /// column keeps that column's id.
    case project(LogicalPlan, [ComputedColumn])
    case aggregate(AggregateNode)
    case join(JoinNode)
    /// Orders the rows; with `limit` it is a top-N.
    case sort(SortNode)
    case limit(LogicalPlan, limit: Int?, offset: Int)
    case setOperation(SetOperationNode)
    /// The input's columns plus one column per window call.
    case window(LogicalPlan, [WindowColumn])
}

public struct ScanNode: Sendable {
    public var source: any TableSource
    public var columns: [PlanColumn]
    public var sourceColumns: [Int]
    public var filters: [PhysicalExpression]
    /// The name the query used (alias or table name), for `EXPLAIN`.
    public var label: String
}

public struct ValuesNode: Sendable {
    public var columns: [PlanColumn]
    public var rows: [[PhysicalExpression]]
}

public struct AggregateNode: Sendable {
    public var input: LogicalPlan
    public var groups: [ComputedColumn]
    public var aggregates: [AggregateColumn]
}

public struct AggregateColumn: Sendable, Equatable {
    public var column: PlanColumn
    public var call: AggregateCall
}

public struct WindowColumn: Sendable, Equatable {
    public var column: PlanColumn
    public var call: WindowCall
}

public struct JoinNode: Sendable {
    public var kind: JoinKind
    public var left: LogicalPlan
    public var right: LogicalPlan
    /// Over the columns of both sides (and, before decorrelation, of enclosing queries); nil
    /// joins every pair.
    public var condition: PhysicalExpression?
    /// The BOOLEAN column a mark join adds.
    public var mark: PlanColumn?
}

public struct SortNode: Sendable {
    public var input: LogicalPlan
    public var keys: [SortKey]
    public var limit: Int?
    public var offset: Int
}

public struct SetOperationNode: Sendable {
    public var kind: SetOperationKind
    public var all: Bool
    public var left: LogicalPlan
    public var right: LogicalPlan
    /// The output columns; the i-th takes the i-th column of each side.
    public var columns: [PlanColumn]
}

extension LogicalPlan {
    /// The columns the node produces, in order.
    public var columns: [PlanColumn] {
        switch self {
        case .scan(let scan): return scan.columns
        case .values(let values): return values.columns
        case .filter(let input, _), .limit(let input, _, _): return input.columns
        case .project(_, let computed): return computed.map(\.column)
        case .aggregate(let aggregate): return aggregate.groups.map(\.column) + aggregate.aggregates.map(\.column)
        case .join(let join):
            switch join.kind {
            case .inner, .left, .right, .full, .single:
                return join.left.columns.map { join.kind == .right || join.kind == .full ? $0.nullable() : $0 }
                    + join.right.columns.map { join.kind == .inner ? $0 : $0.nullable() }
            case .semi, .anti, .nullAwareAnti: return join.left.columns
            case .rightSemi, .rightAnti: return join.right.columns
            case .mark: return join.left.columns + [join.mark!]
            }
        case .sort(let sort): return sort.input.columns
        case .setOperation(let operation): return operation.columns
        case .window(let input, let windows): return input.columns + windows.map(\.column)
        }
    }

    /// The plans this node reads.
    public var children: [LogicalPlan] {
        switch self {
        case .scan, .values: return []
        case .filter(let input, _), .project(let input, _), .limit(let input, _, _), .window(let input, _): return [input]
        case .aggregate(let aggregate): return [aggregate.input]
        case .join(let join): return [join.left, join.right]
        case .sort(let sort): return [sort.input]
        case .setOperation(let operation): return [operation.left, operation.right]
        }
    }

    /// The same node over new children (in the order of `children`).
    public func replacingChildren(_ newChildren: [LogicalPlan]) -> LogicalPlan {
        switch self {
        case .scan, .values: return self
        case .filter(_, let predicate): return .filter(newChildren[0], predicate)
        case .project(_, let computed): return .project(newChildren[0], computed)
        case .limit(_, let limit, let offset): return .limit(newChildren[0], limit: limit, offset: offset)
        case .window(_, let windows): return .window(newChildren[0], windows)
        case .aggregate(var aggregate):
            aggregate.input = newChildren[0]
            return .aggregate(aggregate)
        case .join(var join):
            join.left = newChildren[0]
            join.right = newChildren[1]
            return .join(join)
        case .sort(var sort):
            sort.input = newChildren[0]
            return .sort(sort)
        case .setOperation(var operation):
            operation.left = newChildren[0]
            operation.right = newChildren[1]
            return .setOperation(operation)
        }
    }

    /// Applies `transform` to every node, children first.
    public func transformedUp(_ transform: (LogicalPlan) throws -> LogicalPlan) rethrows -> LogicalPlan {
        let newChildren = try children.map { try $0.transformedUp(transform) }
        return try transform(newChildren.isEmpty ? self : replacingChildren(newChildren))
    }

    /// The ids of the columns the node produces.
    public var columnIDs: Set<Int> { Set(columns.map(\.id)) }
}

extension PlanColumn {
    func nullable() -> PlanColumn {
        var copy = self
        copy.isNullable = true
        return copy
    }
}
