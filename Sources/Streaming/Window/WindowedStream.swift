import SluiceCore

/// A keyed stream grouped into windows of event time, waiting for an aggregation (`count`,
/// `reduce`, `aggregate`) that turns each key's window into one `WindowResult`.
///
/// Immutable and `Sendable`.
public struct WindowedStream<Key: ShuffleKey, Value>: Sendable {
    @usableFromInline let pairs: Stream<(Key, Value)>
    public let spec: WindowSpec
    public let allowedLatenessMillis: Int64
    /// Where late records go; nil drops them (they are always counted).
    @usableFromInline let lateTopic: String?

    @usableFromInline
    init(pairs: Stream<(Key, Value)>, spec: WindowSpec, allowedLatenessMillis: Int64, lateTopic: String?) {
        self.pairs = pairs
        self.spec = spec
        self.allowedLatenessMillis = allowedLatenessMillis
        self.lateTopic = lateTopic
    }

    /// The same windows, sending late records (their original key, value and timestamp) to
    /// `topic` instead of dropping them. Late records are counted either way.
    public func lateRecords(toTopic topic: String) -> WindowedStream<Key, Value> {
        WindowedStream(pairs: pairs, spec: spec, allowedLatenessMillis: allowedLatenessMillis, lateTopic: topic)
    }

    /// Folds each key's window: `add` takes one element into an accumulator that starts at
    /// `initial`; `merge` combines accumulators of partial results (from different tasks, or
    /// session windows that an event joins). Results are emitted per window as `WindowResult`.
    ///
    /// A throwing `add` sends the record to the dead-letter topic.
    @inlinable
    public func aggregate<Acc: ShuffleCodable & Sendable>(initial: Acc, add: @escaping @Sendable (Acc, Value) throws -> Acc,
                                                          merge: @escaping @Sendable (Acc, Acc) -> Acc) -> Stream<WindowResult<Key, Acc>> {
        aggregated("aggregate", initial: initial, add: add, merge: merge, finish: { $0 })
    }

    /// The number of elements of each key's window.
    @inlinable
    public func count() -> Stream<WindowResult<Key, Int64>> {
        aggregated("count", initial: Int64(0), add: { count, _ in count &+ 1 }, merge: { $0 &+ $1 }, finish: { $0 })
    }

    /// Each key's window folded with `combine`.
    @inlinable
    public func reduce(_ combine: @escaping @Sendable (Value, Value) throws -> Value) -> Stream<WindowResult<Key, Value>>
    where Value: ShuffleCodable & Sendable {
        aggregated("reduce", initial: Value?.none,
                   add: { acc, value in try acc.map { try combine($0, value) } ?? value },
                   merge: { left, right in
                       guard let left, let right else { return left ?? right }
                       // A throwing combine already threw on these values when they were added.
                       return (try? combine(left, right)) ?? left
                   },
                   finish: { $0! })
    }

    @inlinable
    func aggregated<Acc: ShuffleCodable & Sendable, Out>(_ name: String, initial: Acc, add: @escaping @Sendable (Acc, Value) throws -> Acc,
                                                      merge: @escaping @Sendable (Acc, Acc) -> Acc,
                                                      finish: @escaping @Sendable (Acc) -> Out) -> Stream<WindowResult<Key, Out>> {
        let kernel = WindowTaskKernel.make(pairs: pairs, spec: spec, allowedLatenessMillis: allowedLatenessMillis,
                                           keepsLateRecords: lateTopic != nil, operatorName: name, initial: initial, add: add, merge: merge)
        return WindowStageBuilder.resultStream(
            pairs: pairs, spec: spec, allowedLatenessMillis: allowedLatenessMillis, lateTopic: lateTopic, operatorName: name,
            initial: initial, merge: merge, finish: finish, taskKernel: kernel,
            slotOperations: .make(allowedLatenessMillis: allowedLatenessMillis, merge: merge, finish: finish))
    }
}
