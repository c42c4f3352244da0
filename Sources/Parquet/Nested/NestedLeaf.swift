/// One leaf column of a nested schema: its place in the tree and the levels its pages carry.
struct NestedLeaf: Sendable {
    /// The column path below the root, as in `ColumnMetaData.pathInSchema`.
    var path: [String]
    /// The leaf's physical type, annotations and conversion to Sluice values.
    var descriptor: ParquetColumnDescriptor
    var maxDefinitionLevel: Int
    var maxRepetitionLevel: Int

    var dottedPath: String { path.joined(separator: ".") }
}
