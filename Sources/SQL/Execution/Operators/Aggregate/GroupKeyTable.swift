import SluiceCore

/// A hash table from grouping-key values to dense group ids (0, 1, 2, ... in order of first
/// appearance): the heart of hash aggregation, `DISTINCT` and the set operations. NULL keys
/// are equal to each other and form one group.
///
/// Threading: not thread-safe; each draining thread owns one table, and the merge gives each
/// partition's table to one task.
protocol GroupKeyTable: AnyObject {
    /// The number of groups so far.
    var groupCount: Int { get }

    /// Looks up (inserting where new) the group of every row of `keys`, writing the ids to
    /// `ids[0..<rowCount]` (`ids` is resized as needed).
    /// - Precondition: `keys` has one column per key type, each of `rowCount` rows.
    func findOrInsert(keys: [Column], rowCount: Int, ids: inout [Int32])

    /// The groups of this table split by the top `bits` bits of their hash: `2^bits` lists of
    /// group ids, so tables of several threads can be merged partition by partition.
    func groupsByPartition(bits: Int) -> [[Int32]]

    /// Inserts the keys of `groups` of `other` (a table of the same kind and key types) and
    /// returns their ids in this table, in the order of `groups`.
    func insertGroups(of other: any GroupKeyTable, _ groups: [Int32]) -> [Int32]

    /// The key values of every group, one column per key, in group-id order.
    func keyColumns() -> [Column]

    /// Bytes held, for memory accounting.
    var memoryBytes: Int { get }

    /// An empty table of the same kind and key types.
    func makeEmpty() -> any GroupKeyTable
}

/// Picks the table for a list of key types.
enum GroupKeyTables {
    /// No keys: one group; one integer-like key: `IntegerKeyTable`; otherwise serialized keys.
    static func make(keyTypes: [DataType]) -> any GroupKeyTable {
        if keyTypes.isEmpty { return GlobalGroupTable() }
        if keyTypes.count == 1, [.boolean, .int32, .int64].contains(keyTypes[0].storage) {
            return IntegerKeyTable(keyType: keyTypes[0])
        }
        return SerializedKeyTable(keyTypes: keyTypes)
    }
}
