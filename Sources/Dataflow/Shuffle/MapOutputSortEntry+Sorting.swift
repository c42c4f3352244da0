extension MapOutputSortEntry {
    /// Below this many entries a comparison sort beats the radix sort's fixed costs.
    @inlinable static var radixSortEntryCountMin: Int { 256 }

    /// Sorts entries by `sortsBefore` (partition, key bytes, insertion order).
    ///
    /// A least-significant-digit radix sort on the key's 8-byte prefix and then the partition,
    /// skipping the bytes in which all entries agree; the sort is stable and the entries start in
    /// insertion order, so entries with equal prefixes end up in insertion order. Runs with equal
    /// prefixes are then fixed up by comparison only where the prefix does not decide (keys longer
    /// than 8 bytes, or keys of different lengths). Measured about four times faster than a
    /// median-of-three quicksort on 10 million records with short keys, at the cost of a scratch
    /// copy of the index while sorting.
    ///
    /// - Precondition: `entries` are in insertion order (ascending `recordOffset`).
    @inlinable
    static func sort(_ entries: inout [MapOutputSortEntry], partitionCount: Int, arena: UnsafeRawBufferPointer) {
        guard entries.count >= radixSortEntryCountMin else {
            entries.sort { $0.sortsBefore($1, in: arena) }
            return
        }
        var scratch = entries
        var sortedIsInScratch = false
        entries.withUnsafeMutableBufferPointer { original in
            scratch.withUnsafeMutableBufferPointer { copy in
                sortedIsInScratch = radixSort(original, scratch: copy, partitionCount: partitionCount)
            }
        }
        if sortedIsInScratch { swap(&entries, &scratch) }
        entries.withUnsafeMutableBufferPointer { sorted in
            orderRunsWithEqualPrefixes(sorted, arena: arena)
        }
    }

    /// Sorts by (partition, prefix), stable; returns whether the result is in `scratch`.
    @inlinable
    static func radixSort(_ entries: UnsafeMutableBufferPointer<MapOutputSortEntry>,
                          scratch: UnsafeMutableBufferPointer<MapOutputSortEntry>, partitionCount: Int) -> Bool {
        let count = entries.count
        // One pass counts every digit: 8 prefix bytes of 256 buckets, then the partitions.
        var bucketCounts = [Int](repeating: 0, count: 8 * 256 + partitionCount)
        bucketCounts.withUnsafeMutableBufferPointer { counts in
            for entry in entries {
                var prefix = entry.keyPrefix
                for byte in 0..<8 {
                    counts[byte &* 256 &+ Int(prefix & 0xFF)] &+= 1
                    prefix >>= 8
                }
                counts[2048 &+ Int(entry.partition)] &+= 1
            }
        }
        var source = entries
        var destination = scratch
        var resultIsInScratch = false
        bucketCounts.withUnsafeMutableBufferPointer { counts in
            for digit in 0...8 {
                let bucketBase = digit * 256
                let bucketCount = digit < 8 ? 256 : partitionCount
                // A digit in which every entry agrees does not reorder anything.
                var isConstant = false
                for bucket in 0..<bucketCount where counts[bucketBase + bucket] == count {
                    isConstant = true
                    break
                }
                if isConstant { continue }
                var offset = 0
                for bucket in 0..<bucketCount {
                    let bucketSize = counts[bucketBase + bucket]
                    counts[bucketBase + bucket] = offset
                    offset += bucketSize
                }
                let shift = UInt64(8 * digit)
                for entry in source {
                    let bucket = digit < 8 ? Int((entry.keyPrefix >> shift) & 0xFF) : Int(entry.partition)
                    let target = counts[bucketBase &+ bucket]
                    destination[target] = entry
                    counts[bucketBase &+ bucket] = target &+ 1
                }
                swap(&source, &destination)
                resultIsInScratch.toggle()
            }
        }
        return resultIsInScratch
    }

    /// Sorts each run of entries with the same partition and prefix by full key bytes where the
    /// prefix does not already decide the order.
    @inlinable
    static func orderRunsWithEqualPrefixes(_ entries: UnsafeMutableBufferPointer<MapOutputSortEntry>, arena: UnsafeRawBufferPointer) {
        var start = 0
        while start < entries.count {
            let first = entries[start]
            var end = start + 1
            var isDecided = first.keyByteCount <= 8
            while end < entries.count && entries[end].keyPrefix == first.keyPrefix && entries[end].partition == first.partition {
                if entries[end].keyByteCount != first.keyByteCount { isDecided = false }
                end += 1
            }
            if !isDecided && end - start > 1 {
                var run = UnsafeMutableBufferPointer(rebasing: entries[start..<end])
                run.sort { $0.sortsBefore($1, in: arena) }
            }
            start = end
        }
    }
}
