import SluiceCore

/// `UNION` (distinct), `INTERSECT [ALL]` and `EXCEPT [ALL]` (`UNION ALL` is `UnionAllStream`):
/// both inputs are grouped by all their columns in one hash aggregation that counts each
/// row's copies on the left (m) and right (n), then each distinct row is emitted as often as
/// the operation says: `UNION` once; `INTERSECT` once if m > 0 and n > 0, with `ALL`
/// min(m, n) times; `EXCEPT` once if m > 0 and n = 0, with `ALL` max(m - n, 0) times. NULLs
/// are equal to each other. Output order is unspecified.
///
/// Threading: safe for concurrent `next()`; the aggregation drains both inputs in parallel
/// (see `HashAggregateStream`), and each caller expands its own batch.
public final class SetOperationStream: BatchStream, @unchecked Sendable {
    // Sendable: immutable after init; the aggregation is itself thread-safe.
    public let schema: Schema
    public let kind: SetOperationKind
    public let all: Bool
    private let left: any BatchStream
    private let right: any BatchStream
    private let grouped: HashAggregateStream
    /// Set for `UNION ALL`, which needs no grouping.
    private let concatenated: UnionAllStream?

    /// - Parameters:
    ///   - left, right: streams whose column types are `outputSchema`'s.
    ///   - all: `ALL`; for `.union` the rows are concatenated as by `UnionAllStream`.
    public init(kind: SetOperationKind, all: Bool, left: any BatchStream, right: any BatchStream,
                outputSchema: Schema, context: ExecutionContext) {
        self.kind = kind
        self.all = all
        self.left = left
        self.right = right
        self.schema = outputSchema
        concatenated = kind == .union && all ? UnionAllStream(inputs: [left, right], outputSchema: outputSchema) : nil
        let taggedSchema = Schema(outputSchema.fields + [Field("side", .int64, nullable: false)])
        let sides = UnionAllStream(inputs: [SideTaggedStream(input: left, isLeft: true, schema: taggedSchema),
                                            SideTaggedStream(input: right, isLeft: false, schema: taggedSchema)],
                                   outputSchema: taggedSchema)
        let keys = outputSchema.fields.enumerated().map { index, field in
            PhysicalExpression.column(index: index, type: field.type, name: field.name)
        }
        let countsBothSides = !(kind == .union)
        let side = PhysicalExpression.column(index: outputSchema.count, type: .int64, name: "side")
        let aggregates = countsBothSides
            ? [AggregateCall(.countStar, nil, resultType: .int64), AggregateCall(.sum, side, resultType: .int64)]
            : []
        let groupedSchema = Schema(outputSchema.fields + (countsBothSides
            ? [Field("total_count", .int64), Field("left_count", .int64)] : []))
        grouped = HashAggregateStream(input: sides, groupKeys: keys, aggregates: aggregates,
                                      outputSchema: groupedSchema, context: context)
    }

    public var operatorName: String {
        switch kind {
        case .union: "Union"
        case .intersect: "Intersect"
        case .except: "Except"
        }
    }

    public var operatorDetails: String { all ? "ALL" : "" }
    public var inputs: [any BatchStream] { [left, right] }

    public func next() throws -> RecordBatch? {
        if let concatenated { return try concatenated.next() }
        while let batch = try grouped.next() {
            if kind == .union { return RecordBatch(schema: schema, columns: batch.columns) }
            let keyColumns = Array(batch.columns.prefix(schema.count))
            guard case .int64(let totals) = batch.columns[schema.count].values,
                  case .int64(let lefts) = batch.columns[schema.count + 1].values else {
                throw SluiceError.internal("set operation counts are not BIGINT")
            }
            var rows: [Int] = []
            rows.reserveCapacity(batch.rowCount)
            for row in 0..<batch.rowCount {
                let leftCount = lefts[row]
                let rightCount = totals[row] - leftCount
                for _ in 0..<copies(leftCount: leftCount, rightCount: rightCount) { rows.append(row) }
            }
            if rows.isEmpty { continue }
            let columns = rows.elementsEqual(0..<batch.rowCount) ? keyColumns : keyColumns.map { $0.take(rows) }
            return RecordBatch(schema: schema, columns: columns)
        }
        return nil
    }

    /// How many times a row with `leftCount` copies on the left and `rightCount` on the right
    /// appears in the result.
    private func copies(leftCount: Int64, rightCount: Int64) -> Int64 {
        switch (kind, all) {
        case (.union, _): 1
        case (.intersect, false): leftCount > 0 && rightCount > 0 ? 1 : 0
        case (.intersect, true): min(leftCount, rightCount)
        case (.except, false): leftCount > 0 && rightCount == 0 ? 1 : 0
        case (.except, true): max(leftCount - rightCount, 0)
        }
    }
}
