import SluiceCore

/// Operators that work on one record at a time; they are pipelined inside each task.
extension Stream {
    /// Each element transformed by `transform`.
    @inlinable
    public func map<Output>(_ transform: @escaping @Sendable (Element) throws -> Output) -> Stream<Output> {
        derived("map") { task, emit in
            try self.compute(task) { element, eventTime in
                try emit(try StreamClosureFailure.guarding("map") { try transform(element) }, eventTime)
            }
        }
    }

    /// The elements for which `isIncluded` is true.
    @inlinable
    public func filter(_ isIncluded: @escaping @Sendable (Element) throws -> Bool) -> Stream<Element> {
        derived("filter") { task, emit in
            try self.compute(task) { element, eventTime in
                if try StreamClosureFailure.guarding("filter", { try isIncluded(element) }) { try emit(element, eventTime) }
            }
        }
    }

    /// Each element turned into zero or more elements with its event time.
    @inlinable
    public func flatMap<Elements: Sequence & SendableMetatype>(_ transform: @escaping @Sendable (Element) throws -> Elements)
        -> Stream<Elements.Element> {
        derived("flatMap") { task, emit in
            try self.compute(task) { element, eventTime in
                for output in try StreamClosureFailure.guarding("flatMap", { try transform(element) }) { try emit(output, eventTime) }
            }
        }
    }

    /// The same elements with the event time (milliseconds since the epoch) `eventTime` reads
    /// from each, instead of the record's timestamp.
    @inlinable
    public func withEventTime(_ eventTime: @escaping @Sendable (Element) throws -> Int64) -> Stream<Element> {
        derived("withEventTime") { task, emit in
            try self.compute(task) { element, _ in
                try emit(element, try StreamClosureFailure.guarding("withEventTime") { try eventTime(element) })
            }
        }
    }

    /// Declares how out of order events arrive: the watermark trails the largest event time
    /// seen (per source partition, the smallest of them) by `maxOutOfOrdernessMillis`, and windows
    /// ending (plus allowed lateness) at or before the watermark are final.
    public func withWatermark(maxOutOfOrdernessMillis: Int64) -> Stream<Element> {
        var plan = self.plan
        plan.watermarkDelayMillis = Swift.max(0, maxOutOfOrdernessMillis)
        return derived("withWatermark", plan: plan, computer: computer)
    }

    /// `withWatermark(maxOutOfOrdernessMillis:)` with a `Duration` (`10.seconds`).
    public func withWatermark(maxOutOfOrderness: Duration) -> Stream<Element> {
        withWatermark(maxOutOfOrdernessMillis: maxOutOfOrderness.wholeMilliseconds)
    }

    /// Pairs each element with the key `key` computes from it, for windows and keyed state.
    @inlinable
    public func keyBy<Key: ShuffleKey>(_ key: @escaping @Sendable (Element) throws -> Key) -> KeyedStream<Key, Element> {
        let pairs: Stream<(Key, Element)> = derived("keyBy") { task, emit in
            try self.compute(task) { element, eventTime in
                try emit((try StreamClosureFailure.guarding("keyBy") { try key(element) }, element), eventTime)
            }
        }
        return KeyedStream(pairs: pairs)
    }
}
