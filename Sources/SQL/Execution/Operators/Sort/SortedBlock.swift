import SluiceCore

/// Rows in key order, held in memory: columns laid out by a `SortRunLayout`, plus the key
/// vectors that compare them.
///
/// A sorted run is a sequence of these blocks, each ordered and each starting at or after where
/// the previous one ended.
struct SortedBlock: Sendable {
    let columns: [Column]
    let keys: [SortKeyVector]
    let rowCount: Int

    /// - Precondition: `columns` are already in key order.
    init(orderedColumns columns: [Column], layout: SortRunLayout) {
        self.columns = columns
        self.rowCount = columns.first?.count ?? 0
        self.keys = layout.keyVectors(columns)
    }

    /// Sorts unordered rows.
    init(sorting columns: [Column], layout: SortRunLayout) {
        let rowCount = columns.first?.count ?? 0
        let order = SortRowOrder.sortedRows(layout.keyVectors(columns), rowCount: rowCount)
        self.init(orderedColumns: columns.map { $0.take(order) }, layout: layout)
    }

    /// The first `rowCountMax` rows.
    func prefix(_ rowCountMax: Int, layout: SortRunLayout) -> SortedBlock {
        guard rowCountMax < rowCount else { return self }
        return SortedBlock(orderedColumns: columns.map { $0.slice(0..<rowCountMax) }, layout: layout)
    }
}
