import SluiceCore

/// Samples the sort keys of a dataset with a job of its own and picks the range bounds of a sort
/// from them.
public enum RangeBoundsSampler {
    /// Keys sampled per output partition, as in Spark: enough that ranges come out within a few
    /// percent of each other on evenly spread keys.
    static let sampleCountPerOutputPartition = 20
    static let sampleCountMax = 1_000_000

    /// Runs a job that keeps a seeded reservoir sample of each partition's sort keys (so a
    /// re-run picks the same bounds), then weights each sample by its partition's size.
    ///
    /// - Parameter keyed: elements paired with their sort key bytes.
    /// - Throws: `JobFailure` when the sampling job fails.
    public static func sample<Element>(_ keyed: Dataset<([UInt8], Element)>, partitionCount: Int,
                                       isAscending: Bool) async throws -> RangeBounds {
        guard partitionCount > 1 else { return RangeBounds(upperBounds: [], partitionCount: partitionCount, isAscending: isAscending) }
        let sampleCount = min(sampleCountPerOutputPartition * partitionCount, sampleCountMax)
        // Oversampled threefold per partition, since partitions differ in size.
        let perPartitionCount = max(1, (3 * sampleCount + keyed.partitionCount - 1) / max(1, keyed.partitionCount))
        let reservoirs = try await keyed.runJob("sortBy bounds") { task, partition -> (recordCount: Int, sortKeys: [[UInt8]]) in
            var generator = SeededRandomGenerator(seed: 0x5EED_0000 &+ UInt64(partition))
            var reservoir: [[UInt8]] = []
            reservoir.reserveCapacity(perPartitionCount)
            var recordCount = 0
            try keyed.compute(task, partition: partition) { pair in
                recordCount += 1
                if reservoir.count < perPartitionCount {
                    reservoir.append(pair.0)
                } else {
                    let slot = Int.random(in: 0..<recordCount, using: &generator)
                    if slot < perPartitionCount { reservoir[slot] = pair.0 }
                }
            }
            return (recordCount, reservoir)
        }
        var samples: [(sortKey: [UInt8], weight: Double)] = []
        for reservoir in reservoirs where !reservoir.sortKeys.isEmpty {
            let weight = Double(reservoir.recordCount) / Double(reservoir.sortKeys.count)
            for sortKey in reservoir.sortKeys { samples.append((sortKey, weight)) }
        }
        return RangeBounds.choose(from: samples, partitionCount: partitionCount, isAscending: isAscending)
    }
}
