import SluiceCore

extension MapOutputSorter {
    /// Sorts the buffered records by (partition, key bytes) and writes one segment per partition,
    /// combining runs of equal keys when there is a combine function.
    ///
    /// - Returns: each partition's byte range in the file and record count.
    @inlinable
    mutating func writeSortedBuffer(to writer: inout SortedSegmentFileWriter) throws(SluiceError)
        -> (partitionByteRanges: [Range<Int>], recordCounts: [Int])
    {
        sortBuffer()
        var partitionByteRanges: [Range<Int>] = []
        var recordCounts: [Int] = []
        partitionByteRanges.reserveCapacity(partitionCount)
        recordCounts.reserveCapacity(partitionCount)
        let sorted = entries
        try arena.withUnsafeBytes { arenaBytes throws(SluiceError) in
            var index = 0
            for partition in 0..<partitionCount {
                writer.beginSegment()
                while index < sorted.count && sorted[index].partition == UInt32(partition) {
                    index = try writeRun(startingAt: index, of: sorted, arena: arenaBytes, to: &writer)
                }
                let segment = try writer.endSegment()
                partitionByteRanges.append(segment.byteRange)
                recordCounts.append(segment.recordCount)
            }
        }
        return (partitionByteRanges, recordCounts)
    }

    /// Writes the record at `start`, combined with the records after it that have the same key
    /// when there is a combine function; returns the index after the records written.
    @inlinable
    func writeRun(startingAt start: Int, of sorted: [MapOutputSortEntry], arena: UnsafeRawBufferPointer,
                  to writer: inout SortedSegmentFileWriter) throws(SluiceError) -> Int {
        let first = sorted[start]
        var end = start + 1
        if let combine {
            while end < sorted.count && sorted[end].partition == first.partition && sorted[end].hasSameKey(as: first, in: arena) {
                end += 1
            }
            if end - start > 1 {
                var combined = try decodeValue(of: first, in: arena)
                for index in (start + 1)..<end {
                    combine(&combined, try decodeValue(of: sorted[index], in: arena))
                }
                try writer.appendRecord(keyBytes: first.keyBytes(in: arena), value: combined)
                return end
            }
        }
        try writer.appendRecord(keyBytes: first.keyBytes(in: arena), valueBytes: first.valueBytes(in: arena))
        return end
    }

    @inlinable
    func decodeValue(of entry: MapOutputSortEntry, in arena: UnsafeRawBufferPointer) throws(SluiceError) -> Value {
        var reader = RecordReader(entry.valueBytes(in: arena))
        do throws(SluiceError) {
            return try Value.decode(from: &reader)
        } catch {
            // The bytes were just encoded by this process, so a failure is a codec bug.
            throw SluiceError.internal("a buffered value does not decode: \(error.message)")
        }
    }

    /// Sorts the index by (partition, key bytes); records with equal keys keep their insertion
    /// order, so values reach the combine function and the reducer in the order the map emitted them.
    @inlinable
    mutating func sortBuffer() {
        var sorted = entries
        entries = []
        arena.withUnsafeBytes { arenaBytes in
            MapOutputSortEntry.sort(&sorted, partitionCount: partitionCount, arena: arenaBytes)
        }
        entries = sorted
    }
}
