import SluiceCore

/// How a sort lays out the rows it buffers, spills and merges: the input's columns, then the
/// values of key expressions that are not plain input columns; and where each key's values are.
///
/// Threading: immutable, shared by every thread of the sort.
struct SortRunLayout: Sendable {
    let sortKeys: [SortKey]
    /// The input's columns come first in every block; the merge hands these out.
    let payloadColumnCount: Int
    /// Payload types, then one per computed key.
    let columnTypes: [DataType]
    /// For each sort key, the block column holding its values.
    let keyColumnIndices: [Int]
    /// Keys that are not a plain input column, evaluated once per input batch.
    let computedKeyExpressions: [PhysicalExpression]

    init(inputSchema: Schema, sortKeys: [SortKey]) {
        self.sortKeys = sortKeys
        self.payloadColumnCount = inputSchema.count
        var columnTypes = inputSchema.fields.map(\.type)
        var keyColumnIndices: [Int] = []
        var computed: [PhysicalExpression] = []
        for key in sortKeys {
            if case .column(let index, let type, _) = key.expression, index < inputSchema.count,
               inputSchema.fields[index].type == type {
                keyColumnIndices.append(index)
            } else {
                keyColumnIndices.append(columnTypes.count)
                columnTypes.append(key.expression.type)
                computed.append(key.expression)
            }
        }
        self.columnTypes = columnTypes
        self.keyColumnIndices = keyColumnIndices
        self.computedKeyExpressions = computed
    }

    /// A batch's columns followed by its computed keys.
    /// - Throws: `SluiceError` from evaluating a key.
    func blockColumns(of batch: RecordBatch) throws -> [Column] {
        var columns = batch.columns
        for expression in computedKeyExpressions {
            columns.append(try ExpressionEvaluator.evaluate(expression, on: batch))
        }
        return columns
    }

    /// The key vectors over block columns.
    func keyVectors(_ columns: [Column]) -> [SortKeyVector] {
        sortKeys.indices.map { index in
            SortKeyVector(column: columns[keyColumnIndices[index]], isAscending: sortKeys[index].isAscending,
                          nullsFirst: sortKeys[index].nullsFirst)
        }
    }

    /// Columns of several chunks, appended.
    func concatenate(_ chunks: [[Column]]) -> [Column] {
        if chunks.count == 1 { return chunks[0] }
        return columnTypes.indices.map { index in Column.concatenate(chunks.map { $0[index] }, type: columnTypes[index]) }
    }
}
