import SluiceCore

/// The range partitioning of a sort (Spark's RangePartitioner): sorted sort keys that cut the key
/// space so that partition `i` holds the keys above bound `i - 1` up to and including bound `i`,
/// and the last partition everything above the last bound. Equal keys always share a partition,
/// and every key of a partition sorts before every key of the next, so sorting each partition on
/// its own gives a total order.
///
/// Keys are compared as sort key bytes (`SortKeyEncodable`), unsigned and a prefix first, like
/// `memcmp`.
public struct RangeBounds: Sendable, Equatable {
    /// At most `partitionCount - 1` distinct sort keys, ascending.
    public let upperBounds: [[UInt8]]
    public let partitionCount: Int
    /// When false, the ranges are numbered from the highest keys down, for a descending sort.
    public let isAscending: Bool

    public init(upperBounds: [[UInt8]], partitionCount: Int, isAscending: Bool) {
        self.upperBounds = upperBounds
        self.partitionCount = partitionCount
        self.isAscending = isAscending
    }

    /// The partition whose range holds `sortKey`.
    @inlinable
    public func partition(ofSortKey sortKey: [UInt8]) -> Int {
        // Binary search for the first bound not below the key.
        var low = 0
        var high = upperBounds.count
        while low < high {
            let middle = (low + high) / 2
            if upperBounds[middle].lexicographicallyPrecedes(sortKey) { low = middle + 1 } else { high = middle }
        }
        return isAscending ? low : partitionCount - 1 - low
    }

    /// Bounds that give each partition about the same weight of sampled keys.
    ///
    /// - Parameters:
    ///   - samples: sampled sort keys, each with the number of records it stands for.
    ///   - partitionCount: ranges wanted; fewer when there are fewer distinct keys.
    public static func choose(from samples: [(sortKey: [UInt8], weight: Double)], partitionCount: Int, isAscending: Bool) -> RangeBounds {
        let sorted = samples.sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        let totalWeight = sorted.reduce(0) { $0 + $1.weight }
        var bounds: [[UInt8]] = []
        guard partitionCount > 1, totalWeight > 0 else {
            return RangeBounds(upperBounds: [], partitionCount: partitionCount, isAscending: isAscending)
        }
        let step = totalWeight / Double(partitionCount)
        var target = step
        var cumulativeWeight = 0.0
        for sample in sorted where bounds.count < partitionCount - 1 {
            cumulativeWeight += sample.weight
            guard cumulativeWeight >= target else { continue }
            if bounds.last.map({ $0.lexicographicallyPrecedes(sample.sortKey) }) ?? true {
                bounds.append(sample.sortKey)
                target += step
            }
        }
        return RangeBounds(upperBounds: bounds, partitionCount: partitionCount, isAscending: isAscending)
    }
}

extension RangeBounds: ShuffleCodable {
    @inlinable
    public func encode(into writer: inout RecordWriter) {
        upperBounds.encode(into: &writer)
        partitionCount.encode(into: &writer)
        isAscending.encode(into: &writer)
    }

    @inlinable
    public static func decode(from reader: inout RecordReader) throws(SluiceError) -> RangeBounds {
        let upperBounds = try [[UInt8]].decode(from: &reader)
        let partitionCount = try Int.decode(from: &reader)
        return RangeBounds(upperBounds: upperBounds, partitionCount: partitionCount, isAscending: try Bool.decode(from: &reader))
    }
}
