import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// Hashes and compares join key columns a column at a time, the way both sides of a hash join
/// see them: equal keys hash equally whichever side they come from, because the planner gives
/// both key lists pairwise-equal types.
///
/// Doubles compare as SQL joins do in DuckDB: `-0.0` equals `0.0` and NaN equals NaN.
///
/// Threading: stateless.
enum JoinKeyHashing {
    /// The keys of a single integer-stored key (INT32, DATE, INT64, TIMESTAMP, DECIMAL up to 18
    /// digits) widened to `Int64`, or nil for any other key list: the fast path of TPC-H's joins.
    static func integerKeys(_ keys: [Column]) -> [Int64]? {
        guard keys.count == 1 else { return nil }
        switch keys[0].values {
        case .int64(let values): return values
        case .int32(let values): return values.map { Int64($0) }
        default: return nil
        }
    }

    /// Whether a key list takes the integer fast path.
    static func isIntegerKey(_ types: [DataType]) -> Bool {
        types.count == 1 && (types[0].storage == .int32 || types[0].storage == .int64)
    }

    /// Rows where any key is NULL (such rows never match), or nil when no key has a NULL.
    static func nullRows(_ keys: [Column]) -> [Bool]? {
        let nullable = keys.compactMap(\.validity)
        guard !nullable.isEmpty else { return nil }
        var isNull = [Bool](repeating: false, count: keys[0].count)
        for validity in nullable {
            for row in 0..<isNull.count where !validity.isValid(row) { isNull[row] = true }
        }
        return isNull
    }

    /// The hash of one integer key.
    @inline(__always)
    static func hash(_ value: Int64) -> UInt64 {
        mix(UInt64(bitPattern: value))
    }

    /// The hash tables' shared finalizer (`KeyHash.mix`): the low bits that pick a bucket
    /// depend on all of the key.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 { KeyHash.mix(value) }

    /// One hash per row over all key columns (NULL slots hash as their zero value; callers skip
    /// NULL rows).
    static func hashes(_ keys: [Column]) -> [UInt64] {
        let rowCount = keys.first?.count ?? 0
        var hashes = [UInt64](repeating: 0, count: rowCount)
        for (position, key) in keys.enumerated() {
            hashes.withUnsafeMutableBufferPointer { hashes in
                combine(key.values, into: hashes, first: position == 0)
            }
        }
        return hashes
    }

    private static func combine(_ values: ColumnValues, into hashes: UnsafeMutableBufferPointer<UInt64>, first: Bool) {
        @inline(__always) func fold(_ row: Int, _ valueHash: UInt64) {
            hashes[row] = first ? valueHash : mix(hashes[row] &* 0x9E37_79B9_7F4A_7C15 &+ valueHash)
        }
        switch values {
        case .boolean(let values): for row in values.indices { fold(row, hash(values[row] ? 1 : 0)) }
        case .int32(let values): for row in values.indices { fold(row, hash(Int64(values[row]))) }
        case .int64(let values): for row in values.indices { fold(row, hash(values[row])) }
        case .int128(let values):
            for row in values.indices {
                let value = values[row]
                fold(row, mix(hash(Int64(truncatingIfNeeded: value)) ^ UInt64(truncatingIfNeeded: value >> 64)))
            }
        case .float64(let values):
            for row in values.indices { fold(row, hash(Int64(bitPattern: canonicalBits(values[row])))) }
        case .bytes(let buffer):
            buffer.bytes.withUnsafeBytes { bytes in
                buffer.offsets.withUnsafeBufferPointer { offsets in
                    for row in 0..<buffer.count {
                        let start = Int(offsets[row])
                        fold(row, hashBytes(bytes, start: start, count: Int(offsets[row + 1]) - start))
                    }
                }
            }
        }
    }

    /// The bits of a double with `-0.0` folded onto `0.0` and every NaN onto one NaN.
    @inline(__always)
    static func canonicalBits(_ value: Double) -> UInt64 {
        if value.isNaN { return Double.nan.bitPattern }
        return value == 0 ? 0 : value.bitPattern
    }

    /// A hash of a byte string, eight bytes at a time.
    @inline(__always)
    static func hashBytes(_ bytes: UnsafeRawBufferPointer, start: Int, count: Int) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        var offset = start
        let end = start + count
        while offset + 8 <= end {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ mix(word)) &* 0x1000_0000_01B3
            offset += 8
        }
        if offset < end {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < end {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ mix(tail)) &* 0x1000_0000_01B3
        }
        return mix(hash)
    }

    /// Keeps the candidate pairs whose keys are equal in every column (candidates were found by
    /// hash, so different keys can appear among them).
    static func keepEqualKeys(probe: [Column], build: [Column], pairs: inout JoinPairs) {
        for (probeKey, buildKey) in zip(probe, build) {
            guard !pairs.isEmpty else { return }
            switch (probeKey.values, buildKey.values) {
            case (.int32(let l), .int32(let r)): keepEqual(l, r, &pairs)
            case (.int64(let l), .int64(let r)): keepEqual(l, r, &pairs)
            case (.int128(let l), .int128(let r)): keepEqual(l, r, &pairs)
            case (.boolean(let l), .boolean(let r)): keepEqual(l, r, &pairs)
            case (.float64(let l), .float64(let r)):
                keepEqual(l.map(canonicalBits), r.map(canonicalBits), &pairs)
            case (.bytes(let l), .bytes(let r)): keepEqualBytes(l, r, &pairs)
            default: pairs.retain { _, _ in false }
            }
        }
    }

    private static func keepEqual<Element: Equatable>(_ probe: [Element], _ build: [Element], _ pairs: inout JoinPairs) {
        probe.withUnsafeBufferPointer { probe in
            build.withUnsafeBufferPointer { build in
                pairs.retain { probeRow, buildRow in probe[probeRow] == build[buildRow] }
            }
        }
    }

    private static func keepEqualBytes(_ probe: BinaryBuffer, _ build: BinaryBuffer, _ pairs: inout JoinPairs) {
        probe.bytes.withUnsafeBytes { probeBytes in
            build.bytes.withUnsafeBytes { buildBytes in
                probe.offsets.withUnsafeBufferPointer { probeOffsets in
                    build.offsets.withUnsafeBufferPointer { buildOffsets in
                        pairs.retain { probeRow, buildRow in
                            let probeStart = Int(probeOffsets[probeRow])
                            let buildStart = Int(buildOffsets[buildRow])
                            let length = Int(probeOffsets[probeRow + 1]) - probeStart
                            guard length == Int(buildOffsets[buildRow + 1]) - buildStart else { return false }
                            return length == 0
                                || memcmp(probeBytes.baseAddress! + probeStart, buildBytes.baseAddress! + buildStart, length) == 0
                        }
                    }
                }
            }
        }
    }
}
