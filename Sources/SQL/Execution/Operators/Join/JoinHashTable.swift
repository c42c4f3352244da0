import SluiceCore

/// The build side of a hash join: its rows stored column-wise, one after another, plus a
/// chained hash table over row positions (`bucketHeads` points at a bucket's first row,
/// `nextInChain` at the next row of the same bucket, -1 ends a chain).
///
/// Rows with a NULL key are stored (outer joins emit them) but are not in any chain, since a
/// NULL key never matches.
///
/// Threading: immutable once built; probed from every thread.
struct JoinHashTable: Sendable {
    /// The build side's columns, all rows.
    let columns: [Column]
    let rowCount: Int
    /// The build side's key columns, all rows.
    let keyColumns: [Column]
    /// The keys widened to `Int64` when there is a single integer-stored key (the fast path).
    let integerKeys: [Int64]?
    /// One hash per row (empty on the integer fast path, which compares keys directly).
    let hashes: [UInt64]
    let bucketHeads: [Int32]
    let nextInChain: [Int32]
    let bucketMask: UInt64
    /// Whether some build row has a NULL key (mark and null-aware anti joins need it).
    let hasNullKey: Bool

    /// Marks "start a new chain" in a probe cursor.
    static let chainStart = Int32.min

    /// Builds the table from the build side's batches and their evaluated keys and hashes, in
    /// the order given.
    /// - Parameters:
    ///   - parts: per drained batch: its columns, its key columns and (off the fast path) hashes.
    /// - Throws: `SluiceError` (user input) when the build side has more rows than a join holds.
    ///   - keys: the build key expressions; plain column keys reuse the concatenated column.
    init(parts: [JoinBuildPart], schema: Schema, keys: [PhysicalExpression], threadCount: Int) throws {
        let keyTypes = keys.map(\.type)
        let rowCount = parts.reduce(0) { $0 + $1.rowCount }
        guard rowCount < Int(Int32.max) else {
            throw SluiceError.userInput("the build side of a hash join has \(rowCount) rows; at most \(Int32.max - 1) are supported")
        }
        let useIntegerKeys = JoinKeyHashing.isIntegerKey(keyTypes)
        self.rowCount = rowCount
        self.columns = try Self.concatenate(parts.map(\.columns), types: schema.fields.map(\.type), threadCount: threadCount)
        let columns = self.columns
        let computedKeys = keys.indices.filter { Self.columnIndex(of: keys[$0]) == nil }
        let computedColumns = try Self.concatenate(
            parts.map { part in computedKeys.map { part.keyColumns[$0] } },
            types: computedKeys.map { keyTypes[$0] }, threadCount: threadCount)
        self.keyColumns = keys.indices.map { index in
            if let column = Self.columnIndex(of: keys[index]) { return columns[column] }
            return computedColumns[computedKeys.firstIndex(of: index)!]
        }
        let integerKeys = useIntegerKeys ? JoinKeyHashing.integerKeys(keyColumns) : nil
        let hashes = useIntegerKeys ? [] : parts.flatMap(\.hashes)
        self.integerKeys = integerKeys
        self.hashes = hashes
        let nullRows = JoinKeyHashing.nullRows(keyColumns)
        self.hasNullKey = nullRows?.contains(true) ?? false

        var bucketCount = 16
        while bucketCount < rowCount * 2 { bucketCount <<= 1 }
        let mask = UInt64(bucketCount - 1)
        var heads = [Int32](repeating: -1, count: bucketCount)
        var chains = [Int32](repeating: -1, count: rowCount)
        heads.withUnsafeMutableBufferPointer { heads in
            chains.withUnsafeMutableBufferPointer { chains in
                // Inserting from the last row backwards leaves every chain in row order.
                if let integerKeys {
                    for row in stride(from: rowCount - 1, through: 0, by: -1) where !(nullRows?[row] ?? false) {
                        let bucket = Int(JoinKeyHashing.hash(integerKeys[row]) & mask)
                        chains[row] = heads[bucket]
                        heads[bucket] = Int32(row)
                    }
                } else {
                    for row in stride(from: rowCount - 1, through: 0, by: -1) where !(nullRows?[row] ?? false) {
                        let bucket = Int(hashes[row] & mask)
                        chains[row] = heads[bucket]
                        heads[bucket] = Int32(row)
                    }
                }
            }
        }
        self.bucketHeads = heads
        self.nextInChain = chains
        self.bucketMask = mask
    }

    /// Appends the candidate pairs of probe rows from `cursor` on until the probe rows end or
    /// `pairsMax` pairs are collected; `cursor` then says where to resume.
    ///
    /// On the integer fast path the candidates are exact matches; otherwise they share the
    /// hash and the caller checks the keys.
    /// - Parameters:
    ///   - probeKeys: the probe batch's keys (on the integer fast path).
    ///   - probeHashes: the probe batch's key hashes (off the fast path).
    ///   - probeNullRows: probe rows whose key is NULL, which have no candidates.
    ///   - firstMatchOnly: stop each row's chain at its first match (existence checks on the
    ///     fast path without a residual).
    func collectCandidates(
        probeKeys: [Int64]?, probeHashes: [UInt64], probeNullRows: [Bool]?, rowCount probeRowCount: Int,
        cursor: inout JoinProbeCursor, pairsMax: Int, firstMatchOnly: Bool, into pairs: inout JoinPairs
    ) {
        if let integerKeys, let probeKeys {
            integerKeys.withUnsafeBufferPointer { buildKeys in
                probeKeys.withUnsafeBufferPointer { probeKeys in
                    walk(cursor: &cursor, rowCount: probeRowCount, nullRows: probeNullRows, pairsMax: pairsMax,
                         firstMatchOnly: firstMatchOnly, pairs: &pairs,
                         bucket: { row in Int(JoinKeyHashing.hash(probeKeys[row]) & bucketMask) },
                         matches: { row, buildRow in buildKeys[buildRow] == probeKeys[row] })
                }
            }
        } else {
            hashes.withUnsafeBufferPointer { buildHashes in
                probeHashes.withUnsafeBufferPointer { probeHashes in
                    walk(cursor: &cursor, rowCount: probeRowCount, nullRows: probeNullRows, pairsMax: pairsMax,
                         firstMatchOnly: false, pairs: &pairs,
                         bucket: { row in Int(probeHashes[row] & bucketMask) },
                         matches: { row, buildRow in buildHashes[buildRow] == probeHashes[row] })
                }
            }
        }
    }

    @inline(__always)
    private func walk(
        cursor: inout JoinProbeCursor, rowCount probeRowCount: Int, nullRows: [Bool]?, pairsMax: Int,
        firstMatchOnly: Bool, pairs: inout JoinPairs,
        bucket: (Int) -> Int, matches: (Int, Int) -> Bool
    ) {
        var row = cursor.row
        var buildRow = cursor.chainPosition
        bucketHeads.withUnsafeBufferPointer { heads in
            nextInChain.withUnsafeBufferPointer { chains in
                while row < probeRowCount {
                    if buildRow == Self.chainStart {
                        if let nullRows, nullRows[row] {
                            row += 1
                            continue
                        }
                        buildRow = heads[bucket(row)]
                    }
                    while buildRow >= 0 {
                        let candidate = buildRow
                        buildRow = chains[Int(candidate)]
                        guard matches(row, Int(candidate)) else { continue }
                        pairs.append(probeRow: row, buildRow: candidate)
                        if firstMatchOnly { buildRow = -1 }
                        if pairs.count >= pairsMax {
                            if buildRow < 0 {
                                row += 1
                                buildRow = Self.chainStart
                            }
                            cursor = JoinProbeCursor(row: row, chainPosition: buildRow)
                            return
                        }
                    }
                    row += 1
                    buildRow = Self.chainStart
                }
                cursor = JoinProbeCursor(row: row, chainPosition: Self.chainStart)
            }
        }
    }

    private static func columnIndex(of key: PhysicalExpression) -> Int? {
        if case .column(let index, _, _) = key { return index }
        return nil
    }

    /// Columns of one type each, concatenated per column (columns in parallel).
    private static func concatenate(_ parts: [[Column]], types: [DataType], threadCount: Int) throws -> [Column] {
        if parts.count == 1 { return parts[0] }
        if parts.isEmpty { return types.map { Column(type: $0, values: .empty($0.storage)) } }
        if types.count <= 1 || threadCount <= 1 {
            return types.indices.map { index in Column.concatenate(parts.map { $0[index] }, type: types[index]) }
        }
        let results = JoinResultSlots<Column>(count: types.count)
        let nextIndex = JoinResultSlots<Int>(count: 0)
        try StreamDrain.parallel(threadCount: min(threadCount, types.count)) { _ in
            while let index = nextIndex.claimNext(limit: types.count) {
                results.set(index, Column.concatenate(parts.map { $0[index] }, type: types[index]))
            }
        }
        return results.values
    }
}
