import SluiceCore

/// One drained build batch: its columns, evaluated key columns and (off the integer fast path)
/// key hashes, computed on the thread that pulled it.
struct JoinBuildPart: Sendable {
    let columns: [Column]
    let keyColumns: [Column]
    let hashes: [UInt64]
    var rowCount: Int { columns.first?.count ?? keyColumns.first?.count ?? 0 }
}
