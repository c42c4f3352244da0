import SluiceCore

/// The running state of one aggregate for every group of a table: typed arrays indexed by
/// group id, updated a batch at a time.
///
/// Threading: not thread-safe; owned by one draining thread, then by one merge task.
protocol AggregateAccumulator: AnyObject {
    /// Grows the state to `groupCount` groups (new groups start empty); never shrinks.
    func resize(groupCount: Int)

    /// Adds row `i` of `argument` to group `groups[i]` for every row.
    /// - Parameters:
    ///   - argument: the evaluated argument, nil for `count(*)`.
    /// - Throws: `SluiceError` (data) on overflow, naming the aggregate.
    func update(groups: UnsafeBufferPointer<Int32>, argument: Column?) throws

    /// Folds group `sources[i]` of `other` (an accumulator of the same kind) into group
    /// `targets[i]` of this one.
    func merge(from other: any AggregateAccumulator, sources: [Int32], targets: [Int32]) throws

    /// The aggregate's value for every group, in group-id order.
    /// - Throws: `SluiceError` (data) when a value does not fit the result type.
    func finish() throws -> Column

    /// Bytes held, for memory accounting.
    var memoryBytes: Int { get }

    /// An accumulator of the same kind with no groups.
    func makeEmpty() -> any AggregateAccumulator
}

/// Reads validity bits in hot loops without going through `Column.isNull`.
@inline(__always)
func isValidBit(_ words: UnsafeBufferPointer<UInt64>, _ row: Int) -> Bool {
    words[row >> 6] & (1 << UInt64(row & 63)) != 0
}
