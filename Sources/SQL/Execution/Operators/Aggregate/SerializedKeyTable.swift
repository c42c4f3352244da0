#if canImport(Glibc)
import Glibc
#endif
import SluiceCore

/// The grouping table for composite or variable-width keys: each row's key is serialized into
/// a byte string (per key column a validity byte, then the value's fixed-width bytes or a
/// 4-byte length and the bytes), so hashing is one pass over bytes and equality one `memcmp`.
/// Group keys are kept back to back in one byte arena and decoded to columns at the end.
///
/// Keys are encoded a column at a time for a chunk of rows, then hashed and probed a row at a
/// time. NULL values encode as a zero validity byte and zero value bytes, so NULLs are equal
/// to each other; doubles are normalized (-0.0 as 0.0, one NaN) so equal values encode alike.
final class SerializedKeyTable: GroupKeyTable {
    let keyTypes: [DataType]
    private let slotHashes = RawBuffer<UInt64>()
    /// Group id per slot, -1 when empty.
    private let slotGroups = RawBuffer<Int32>()
    private let arena = RawBuffer<UInt8>(capacity: 1024)
    /// Group `g`'s key is `arena[groupOffsets[g] ..< groupOffsets[g + 1]]`.
    private let groupOffsets = RawBuffer<Int>()
    private let groupHashes = RawBuffer<UInt64>()
    private(set) var groupCount = 0

    // Scratch space for one chunk of rows, reused.
    private let rowBytes = RawBuffer<UInt8>(capacity: 1024)
    private var rowOffsets: [Int] = []
    private var rowCursors: [Int] = []

    private static let chunkRowCount = 2048

    init(keyTypes: [DataType]) {
        self.keyTypes = keyTypes
        slotHashes.resize(to: 64, fill: 0)
        slotGroups.resize(to: 64, fill: -1)
        groupOffsets.append(0)
    }

    var memoryBytes: Int {
        slotHashes.memoryBytes + slotGroups.memoryBytes + arena.memoryBytes + groupOffsets.memoryBytes
            + groupHashes.memoryBytes + rowBytes.memoryBytes
    }

    func makeEmpty() -> any GroupKeyTable { SerializedKeyTable(keyTypes: keyTypes) }

    func findOrInsert(keys: [Column], rowCount: Int, ids: inout [Int32]) {
        if ids.count < rowCount { ids = [Int32](repeating: 0, count: rowCount) }
        var chunkStart = 0
        while chunkStart < rowCount {
            let chunkEnd = min(rowCount, chunkStart + SerializedKeyTable.chunkRowCount)
            encode(keys, rows: chunkStart..<chunkEnd)
            ensureCapacity(forAdditionalGroups: chunkEnd - chunkStart, bytes: rowOffsets[chunkEnd - chunkStart])
            let bytes = rowBytes.base
            rowOffsets.withUnsafeBufferPointer { offsets in
                for index in 0..<(chunkEnd - chunkStart) {
                    let start = offsets[index]
                    let length = offsets[index + 1] - start
                    let hash = KeyHash.hash(bytes + start, count: length)
                    ids[chunkStart + index] = findOrInsert(bytes + start, length: length, hash: hash)
                }
            }
            chunkStart = chunkEnd
        }
    }

    /// - Precondition: there is room for one more group and its bytes (`ensureCapacity`).
    @inline(__always)
    private func findOrInsert(_ key: UnsafePointer<UInt8>, length: Int, hash: UInt64) -> Int32 {
        let mask = slotHashes.count - 1
        let hashes = slotHashes.base
        let groups = slotGroups.base
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let group = groups[slot]
            if group < 0 {
                let newGroup = Int32(groupCount)
                hashes[slot] = hash
                groups[slot] = newGroup
                arena.append(key, count: length)
                groupOffsets.append(arena.count)
                groupHashes.append(hash)
                groupCount += 1
                return newGroup
            }
            if hashes[slot] == hash {
                let start = groupOffsets[Int(group)]
                if groupOffsets[Int(group) + 1] - start == length, memcmp(arena.base + start, key, length) == 0 {
                    return group
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private func ensureCapacity(forAdditionalGroups additional: Int, bytes: Int) {
        arena.reserve(arena.count + bytes)
        groupOffsets.reserve(groupOffsets.count + additional)
        groupHashes.reserve(groupHashes.count + additional)
        let needed = (groupCount + additional) * 2
        guard needed > slotHashes.count else { return }
        var slotCount = slotHashes.count
        while slotCount < needed { slotCount *= 2 }
        slotHashes.reset(count: slotCount, fill: 0)
        slotGroups.reset(count: slotCount, fill: -1)
        let mask = slotCount - 1
        let hashes = slotHashes.base
        let groups = slotGroups.base
        for group in 0..<groupCount {
            let hash = groupHashes[group]
            var slot = Int(truncatingIfNeeded: hash) & mask
            while groups[slot] >= 0 { slot = (slot + 1) & mask }
            hashes[slot] = hash
            groups[slot] = Int32(group)
        }
    }

    func groupsByPartition(bits: Int) -> [[Int32]] {
        var partitions = [[Int32]](repeating: [], count: 1 << bits)
        for group in 0..<groupCount {
            partitions[bits == 0 ? 0 : Int(groupHashes[group] >> UInt64(64 - bits))].append(Int32(group))
        }
        return partitions
    }

    func insertGroups(of other: any GroupKeyTable, _ groups: [Int32]) -> [Int32] {
        let other = other as! SerializedKeyTable
        var byteCount = 0
        for group in groups { byteCount += other.groupOffsets[Int(group) + 1] - other.groupOffsets[Int(group)] }
        ensureCapacity(forAdditionalGroups: groups.count, bytes: byteCount)
        return groups.map { group in
            let start = other.groupOffsets[Int(group)]
            return findOrInsert(other.arena.base + start, length: other.groupOffsets[Int(group) + 1] - start,
                                hash: other.groupHashes[Int(group)])
        }
    }

    func keyColumns() -> [Column] {
        var cursors = (0..<groupCount).map { groupOffsets[$0] }
        return keyTypes.map { type in
            cursors.withUnsafeMutableBufferPointer { cursors in
                KeyDecoder.decodeColumn(type: type, from: UnsafePointer(arena.base), cursors: cursors)
            }
        }
    }

    // MARK: - Encoding

    /// Serializes the keys of `rows` into `rowBytes`, row `i` of the chunk at
    /// `rowOffsets[i] ..< rowOffsets[i + 1]`.
    private func encode(_ keys: [Column], rows: Range<Int>) {
        let count = rows.count
        var fixedWidth = 0
        for type in keyTypes { fixedWidth += 1 + KeyEncoder.fixedWidth(of: type.storage) }
        if rowOffsets.count < count + 1 {
            rowOffsets = [Int](repeating: 0, count: count + 1)
            rowCursors = [Int](repeating: 0, count: count)
        }
        rowOffsets.withUnsafeMutableBufferPointer { offsets in
            for index in 0..<count { offsets[index + 1] = fixedWidth }
            for column in keys {
                guard case .bytes(let buffer) = column.values else { continue }
                buffer.offsets.withUnsafeBufferPointer { valueOffsets in
                    for index in 0..<count {
                        let row = rows.lowerBound + index
                        offsets[index + 1] += Int(valueOffsets[row + 1] - valueOffsets[row])
                    }
                }
            }
            offsets[0] = 0
            for index in 0..<count { offsets[index + 1] += offsets[index] }
        }
        let total = rowOffsets[count]
        rowBytes.reserve(total)
        for index in 0..<count { rowCursors[index] = rowOffsets[index] }
        let output = rowBytes.base
        rowCursors.withUnsafeMutableBufferPointer { cursors in
            for column in keys { KeyEncoder.encode(column, rows: rows, into: output, cursors: cursors) }
        }
    }
}
