import SluiceCore

extension MapOutputSorter {
    /// How much of each spill file a merge reads at a time.
    @usableFromInline static var spillReadChunkByteCount: Int { 256 * 1024 }

    /// Merges every spill file into `outputPath`, partition by partition, combining equal keys
    /// across spills when there is a combine function.
    @inlinable
    mutating func mergeSpills(into outputPath: String) throws(SluiceError)
        -> (partitionByteRanges: [Range<Int>], recordCounts: [Int], outputByteCount: Int)
    {
        if spills.count == 1 {
            // One spill is already the output, sorted and combined; a spill directory on another
            // file system (EXDEV) takes the merge path instead.
            let spill = spills[0]
            if try ShuffleFileIO.renameWithinFileSystem(from: spill.path, to: outputPath) {
                spills.removeAll()
                return (spill.partitionByteRanges, spill.recordCounts, spill.partitionByteRanges.last?.upperBound ?? 0)
            }
        }
        var writer = try SortedSegmentFileWriter(creating: outputPath, exclusive: false)
        var partitionByteRanges: [Range<Int>] = []
        var recordCounts: [Int] = []
        var keyBytes = RecordWriter(capacityBytes: 256)
        for partition in 0..<partitionCount {
            var sources: [SortedSegmentSource] = []
            for spill in spills {
                sources.append(try SortedSegmentSource(path: spill.path, byteRange: spill.partitionByteRanges[partition],
                                                       chunkByteCount: Self.spillReadChunkByteCount))
            }
            var merge = try SortedRecordMerge(sources: sources)
            writer.beginSegment()
            if let combine {
                try mergeCombining(&merge, combine: combine, keyScratch: &keyBytes, to: &writer)
            } else {
                try mergeCopying(&merge, to: &writer)
            }
            let segment = try writer.endSegment()
            partitionByteRanges.append(segment.byteRange)
            recordCounts.append(segment.recordCount)
        }
        let outputByteCount = try writer.close()
        return (partitionByteRanges, recordCounts, outputByteCount)
    }

    @inlinable
    func mergeCopying(_ merge: inout SortedRecordMerge, to writer: inout SortedSegmentFileWriter) throws(SluiceError) {
        while !merge.isEmpty {
            let record = try merge.consumeTopRecordBytes(Value.self)
            try writer.appendRecord(keyBytes: record.keyBytes, valueBytes: record.valueBytes)
            try merge.advanceTop()
        }
    }

    @inlinable
    func mergeCombining(_ merge: inout SortedRecordMerge, combine: (inout Value, Value) -> Void,
                        keyScratch: inout RecordWriter, to writer: inout SortedSegmentFileWriter) throws(SluiceError) {
        while !merge.isEmpty {
            keyScratch.removeAll()
            keyScratch.writeBytes(merge.topKeyBytes)
            var combined = try merge.consumeTopValue(Value.self)
            try merge.advanceTop()
            while !merge.isEmpty {
                let isSameKey = keyScratch.withUnsafeBytes { ShuffleKeyBytes.compare($0, merge.topKeyBytes) == 0 }
                guard isSameKey else { break }
                combine(&combined, try merge.consumeTopValue(Value.self))
                try merge.advanceTop()
            }
            try keyScratch.withUnsafeBytes { key throws(SluiceError) in
                try writer.appendRecord(keyBytes: key, value: combined)
            }
        }
    }
}
