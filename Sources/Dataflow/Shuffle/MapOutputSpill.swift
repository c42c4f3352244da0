/// A spill file written by `MapOutputSorter`: sorted segments for every partition, one after
/// another, with their byte ranges kept here rather than in the file.
@usableFromInline
struct MapOutputSpill {
    @usableFromInline var path: String
    @usableFromInline var partitionByteRanges: [Range<Int>]
    @usableFromInline var recordCounts: [Int]

    @inlinable
    init(path: String, partitionByteRanges: [Range<Int>], recordCounts: [Int]) {
        self.path = path
        self.partitionByteRanges = partitionByteRanges
        self.recordCounts = recordCounts
    }
}
