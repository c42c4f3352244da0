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

    /// The types of the columns `stateColumns(groups:)` produces.
    var stateTypes: [DataType] { get }

    /// The exact state of `groups` as columns of `stateTypes`, for a spill file: one row per
    /// group in the order of `groups`, except for `DISTINCT`, which writes one row per kept
    /// (group position, value) pair.
    func stateColumns(groups: [Int32]) -> [Column]

    /// Makes this empty accumulator hold `groupCount` groups whose states are `columns` (as
    /// `stateColumns` of that many groups wrote them), so merging from it equals merging
    /// from the accumulator that was spilled.
    /// - Throws: `SluiceError` (internal) when the columns do not match `stateTypes`.
    func restoreState(groupCount: Int, from columns: [Column]) throws
}

/// The error of a spill file whose state columns do not fit the accumulator reading them.
func mismatchedStateError(_ accumulator: String) -> SluiceError {
    SluiceError.internal("spilled \(accumulator) state does not match its accumulator")
}

/// Reads validity bits in hot loops without going through `Column.isNull`.
@inline(__always)
func isValidBit(_ words: UnsafeBufferPointer<UInt64>, _ row: Int) -> Bool {
    words[row >> 6] & (1 << UInt64(row & 63)) != 0
}
