import SluiceCore

/// A stream whose elements carry a key: windows and their state are kept per key.
///
/// Immutable and `Sendable`, like `Stream`.
public struct KeyedStream<Key: ShuffleKey, Value>: Sendable {
    /// The (key, element) pairs, with their event times.
    @usableFromInline let pairs: Stream<(Key, Value)>

    @usableFromInline
    init(pairs: Stream<(Key, Value)>) {
        self.pairs = pairs
    }

    /// Groups the elements of each key into windows of event time.
    /// - Parameters:
    ///   - spec: tumbling, sliding or session windows.
    ///   - allowedLatenessMillis: how long after the watermark passed its end a window still
    ///     takes records; later records are late (dropped and counted, or sent to the side output).
    public func window(_ spec: WindowSpec, allowedLatenessMillis: Int64 = 0) -> WindowedStream<Key, Value> {
        WindowedStream(pairs: pairs, spec: spec, allowedLatenessMillis: Swift.max(0, allowedLatenessMillis), lateTopic: nil)
    }

    /// `window(_:allowedLatenessMillis:)` with a `Duration`.
    public func window(_ spec: WindowSpec, allowedLateness: Duration) -> WindowedStream<Key, Value> {
        window(spec, allowedLatenessMillis: allowedLateness.wholeMilliseconds)
    }
}
