import SluiceCore

/// The table of an aggregate without `GROUP BY`: every row belongs to the one group, which
/// exists even before any row arrives (so empty input still yields one row).
final class GlobalGroupTable: GroupKeyTable {
    var groupCount: Int { 1 }

    func findOrInsert(keys: [Column], rowCount: Int, ids: inout [Int32]) {
        if ids.count < rowCount { ids = [Int32](repeating: 0, count: rowCount) }
    }

    func groupsByPartition(bits: Int) -> [[Int32]] {
        var partitions = [[Int32]](repeating: [], count: 1 << bits)
        partitions[0] = [0]
        return partitions
    }

    func insertGroups(of other: any GroupKeyTable, _ groups: [Int32]) -> [Int32] {
        [Int32](repeating: 0, count: groups.count)
    }

    func keyColumns() -> [Column] { [] }

    var memoryBytes: Int { 0 }

    func makeEmpty() -> any GroupKeyTable { GlobalGroupTable() }
}
