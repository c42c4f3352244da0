import SluiceCore

/// The grouping table for one key stored as an integer (BOOLEAN, INT32, DATE, INT64,
/// TIMESTAMP, DECIMAL up to 18 digits): keys widened to `Int64` live in the slots themselves,
/// so a probe touches one cache line and compares one integer. NULL is a group kept aside.
///
/// Open addressing with linear probing; the slot count is a power of two kept at least twice
/// the group count.
final class IntegerKeyTable: GroupKeyTable {
    let keyType: DataType
    private let slotKeys = RawBuffer<Int64>()
    /// Group id per slot, -1 when empty.
    private let slotGroups = RawBuffer<Int32>()
    private let groupKeys = RawBuffer<Int64>()
    private var nullGroup: Int32 = -1
    private(set) var groupCount = 0

    /// Rows probed between capacity checks, so a huge batch does not size the table by itself.
    private static let chunkRowCount = 4096

    init(keyType: DataType) {
        self.keyType = keyType
        slotKeys.resize(to: 64, fill: 0)
        slotGroups.resize(to: 64, fill: -1)
    }

    var memoryBytes: Int { slotKeys.memoryBytes + slotGroups.memoryBytes + groupKeys.memoryBytes }

    func makeEmpty() -> any GroupKeyTable { IntegerKeyTable(keyType: keyType) }

    func findOrInsert(keys: [Column], rowCount: Int, ids: inout [Int32]) {
        if ids.count < rowCount { ids = [Int32](repeating: 0, count: rowCount) }
        let column = keys[0]
        let words = column.validity?.words
        ids.withUnsafeMutableBufferPointer { ids in
            switch column.values {
            case .int64(let values):
                values.withUnsafeBufferPointer { probe($0, words: words, rowCount: rowCount, ids: ids) }
            case .int32(let values):
                values.withUnsafeBufferPointer { probe($0, words: words, rowCount: rowCount, ids: ids) }
            case .boolean(let values):
                let widened = values.map { $0 ? Int64(1) : 0 }
                widened.withUnsafeBufferPointer { probe($0, words: words, rowCount: rowCount, ids: ids) }
            default:
                preconditionFailure("an integer key table got a \(column.type) column")
            }
        }
    }

    private func probe<T: FixedWidthInteger>(
        _ values: UnsafeBufferPointer<T>, words: [UInt64]?, rowCount: Int, ids: UnsafeMutableBufferPointer<Int32>
    ) {
        var chunkStart = 0
        while chunkStart < rowCount {
            let chunkEnd = min(rowCount, chunkStart + IntegerKeyTable.chunkRowCount)
            ensureCapacity(forAdditionalGroups: chunkEnd - chunkStart)
            if let words {
                for row in chunkStart..<chunkEnd {
                    if words[row >> 6] & (1 << UInt64(row & 63)) == 0 {
                        ids[row] = nullGroupId()
                    } else {
                        ids[row] = findOrInsert(Int64(truncatingIfNeeded: values[row]))
                    }
                }
            } else {
                for row in chunkStart..<chunkEnd {
                    ids[row] = findOrInsert(Int64(truncatingIfNeeded: values[row]))
                }
            }
            chunkStart = chunkEnd
        }
    }

    private func nullGroupId() -> Int32 {
        if nullGroup < 0 {
            nullGroup = Int32(groupCount)
            groupKeys.append(0)
            groupCount += 1
        }
        return nullGroup
    }

    /// - Precondition: there is room for one more group (`ensureCapacity`).
    @inline(__always)
    private func findOrInsert(_ key: Int64) -> Int32 {
        let mask = slotKeys.count - 1
        let keys = slotKeys.base
        let groups = slotGroups.base
        var slot = Int(truncatingIfNeeded: KeyHash.mix(UInt64(bitPattern: key))) & mask
        while true {
            let group = groups[slot]
            if group < 0 {
                let newGroup = Int32(groupCount)
                keys[slot] = key
                groups[slot] = newGroup
                groupKeys.append(key)
                groupCount += 1
                return newGroup
            }
            if keys[slot] == key { return group }
            slot = (slot + 1) & mask
        }
    }

    private func ensureCapacity(forAdditionalGroups additional: Int) {
        let needed = (groupCount + additional) * 2
        guard needed > slotKeys.count else { return }
        var slotCount = slotKeys.count
        while slotCount < needed { slotCount *= 2 }
        slotKeys.reset(count: slotCount, fill: 0)
        slotGroups.reset(count: slotCount, fill: -1)
        let mask = slotCount - 1
        let keys = slotKeys.base
        let groups = slotGroups.base
        for group in 0..<groupCount where Int32(group) != nullGroup {
            let key = groupKeys[group]
            var slot = Int(truncatingIfNeeded: KeyHash.mix(UInt64(bitPattern: key))) & mask
            while groups[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            groups[slot] = Int32(group)
        }
    }

    func groupsByPartition(bits: Int) -> [[Int32]] {
        var partitions = [[Int32]](repeating: [], count: 1 << bits)
        for group in 0..<groupCount {
            let hash = Int32(group) == nullGroup ? KeyHash.nullKey : KeyHash.mix(UInt64(bitPattern: groupKeys[group]))
            partitions[bits == 0 ? 0 : Int(hash >> UInt64(64 - bits))].append(Int32(group))
        }
        return partitions
    }

    func insertGroups(of other: any GroupKeyTable, _ groups: [Int32]) -> [Int32] {
        let other = other as! IntegerKeyTable
        ensureCapacity(forAdditionalGroups: groups.count)
        return groups.map { group in
            group == other.nullGroup ? nullGroupId() : findOrInsert(other.groupKeys[Int(group)])
        }
    }

    func keyColumns() -> [Column] {
        var validity: ValidityBitmap?
        if nullGroup >= 0 {
            validity = ValidityBitmap(count: groupCount, allValid: true)
            validity!.set(Int(nullGroup), valid: false)
        }
        let keys = UnsafeBufferPointer(start: groupKeys.base, count: groupCount)
        let values: ColumnValues = switch keyType.storage {
        case .int64: .int64(Array(keys))
        case .int32: .int32(keys.map { Int32(truncatingIfNeeded: $0) })
        default: .boolean(keys.map { $0 != 0 })
        }
        return [Column(type: keyType, values: values, validity: validity)]
    }
}
