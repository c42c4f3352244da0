/// A value with a partition hash that is the same in every process and every run (see
/// `PartitionHasher`), so a coordinator and its workers agree on which partition holds a key.
///
/// Values that are `==` must hash equal: `Double` hashes -0.0 as +0.0 and every NaN alike;
/// strings hash their UTF-8 bytes, so strings that are `==` only through Unicode canonical
/// equivalence (composed and decomposed accents) may land in different partitions.
public protocol PartitionHashable: SendableMetatype {
    /// Mixes this value into `hasher`.
    func combinePartitionHash(into hasher: inout PartitionHasher)
}

extension PartitionHashable {
    /// This value's partition hash.
    @inlinable
    public func partitionHash() -> UInt64 {
        var hasher = PartitionHasher()
        combinePartitionHash(into: &hasher)
        return hasher.finalize()
    }

    /// The partition in `0..<partitionCount` this value belongs to.
    ///
    /// - Precondition: `partitionCount > 0`.
    @inlinable
    public func partitionIndex(partitionCount: Int) -> Int {
        PartitionHasher.partitionIndex(hash: partitionHash(), partitionCount: partitionCount)
    }
}
