import SluiceCore

/// Pushes one task's records through the stateless chain into a window partial.
@usableFromInline
typealias WindowTaskKernelFunction<Key: Hashable, Acc> = @Sendable (_ task: StreamTask, _ partial: WindowPartial<Key, Acc>) throws -> Void

/// The per-record code of windowed aggregations, one loop per window kind. The functions are
/// `@inlinable` and are called from `@inlinable` operators, so the loop is specialized for the
/// pipeline's key, element and accumulator types in the module that builds the pipeline: the
/// dictionary of (key, window) → accumulator is used without generic indirection.
@usableFromInline
enum WindowTaskKernel {
    @inlinable
    static func make<Key: ShuffleKey, Value, Acc: Sendable>(
        pairs: Stream<(Key, Value)>, spec: WindowSpec, allowedLatenessMillis: Int64, keepsLateRecords: Bool, operatorName: String,
        initial: Acc, add: @escaping @Sendable (Acc, Value) throws -> Acc, merge: @escaping @Sendable (Acc, Acc) -> Acc
    ) -> WindowTaskKernelFunction<Key, Acc> {
        switch spec {
        case .tumbling(let sizeMillis):
            return tumbling(pairs: pairs, sizeMillis: sizeMillis, allowedLatenessMillis: allowedLatenessMillis,
                            keepsLateRecords: keepsLateRecords, operatorName: operatorName, initial: initial, add: add)
        case .sliding(let sizeMillis, let slideMillis):
            return sliding(pairs: pairs, sizeMillis: sizeMillis, slideMillis: slideMillis, allowedLatenessMillis: allowedLatenessMillis,
                           keepsLateRecords: keepsLateRecords, operatorName: operatorName, initial: initial, add: add)
        case .session(let gapMillis):
            return sessions(pairs: pairs, gapMillis: gapMillis, keepsLateRecords: keepsLateRecords, operatorName: operatorName,
                            initial: initial, add: add, merge: merge)
        }
    }

    @inlinable
    static func tumbling<Key: ShuffleKey, Value, Acc: Sendable>(
        pairs: Stream<(Key, Value)>, sizeMillis: Int64, allowedLatenessMillis lateness: Int64, keepsLateRecords keepLate: Bool,
        operatorName name: String, initial: Acc, add: @escaping @Sendable (Acc, Value) throws -> Acc
    ) -> WindowTaskKernelFunction<Key, Acc> {
        { task, partial in
            let watermark = task.watermarkInForceMillis
            var slots = partial.slots
            partial.slots = [:]
            defer { partial.slots = slots }
            try pairs.compute(task) { pair, eventTime in
                if eventTime > task.maxEventTimeMillis { task.maxEventTimeMillis = eventTime }
                let start = WindowSpec.alignedStart(eventTime, sizeMillis)
                let end = start &+ sizeMillis
                if end &+ lateness <= watermark {
                    task.noteLate(keepingRecord: keepLate)
                    return
                }
                let slot = WindowSlot(key: pair.0, startMillis: start, endMillis: end)
                if let index = slots.index(forKey: slot) {
                    let updated = try StreamClosureFailure.guarding(name) { try add(slots.values[index], pair.1) }
                    slots.values[index] = updated
                } else {
                    slots[slot] = try StreamClosureFailure.guarding(name) { try add(initial, pair.1) }
                }
            }
        }
    }

    @inlinable
    static func sliding<Key: ShuffleKey, Value, Acc: Sendable>(
        pairs: Stream<(Key, Value)>, sizeMillis: Int64, slideMillis: Int64, allowedLatenessMillis lateness: Int64,
        keepsLateRecords keepLate: Bool, operatorName name: String, initial: Acc, add: @escaping @Sendable (Acc, Value) throws -> Acc
    ) -> WindowTaskKernelFunction<Key, Acc> {
        { task, partial in
            let watermark = task.watermarkInForceMillis
            var slots = partial.slots
            partial.slots = [:]
            defer { partial.slots = slots }
            // Every window's new accumulator is computed before any is stored, so a throwing
            // `add` leaves no window of the record counted.
            var pending: [(WindowSlot<Key>, Acc)] = []
            try pairs.compute(task) { pair, eventTime in
                if eventTime > task.maxEventTimeMillis { task.maxEventTimeMillis = eventTime }
                let lastStart = WindowSpec.alignedStart(eventTime, slideMillis)
                if lastStart &+ sizeMillis &+ lateness <= watermark {
                    task.noteLate(keepingRecord: keepLate)
                    return
                }
                pending.removeAll(keepingCapacity: true)
                var start = lastStart
                while start > eventTime &- sizeMillis {
                    let end = start &+ sizeMillis
                    if end &+ lateness > watermark {
                        let slot = WindowSlot(key: pair.0, startMillis: start, endMillis: end)
                        let current = slots[slot] ?? initial
                        pending.append((slot, try StreamClosureFailure.guarding(name) { try add(current, pair.1) }))
                    }
                    start -= slideMillis
                }
                for (slot, acc) in pending { slots[slot] = acc }
            }
        }
    }

    /// Session windows are merged within the task as records arrive; whether a session is late
    /// is decided when the batch's sessions meet the open ones (`WindowProcessor.merge`).
    @inlinable
    static func sessions<Key: ShuffleKey, Value, Acc: Sendable>(
        pairs: Stream<(Key, Value)>, gapMillis: Int64, keepsLateRecords keepLate: Bool, operatorName name: String, initial: Acc,
        add: @escaping @Sendable (Acc, Value) throws -> Acc, merge: @escaping @Sendable (Acc, Acc) -> Acc
    ) -> WindowTaskKernelFunction<Key, Acc> {
        { task, partial in
            var sessions = partial.sessions
            partial.sessions = [:]
            defer { partial.sessions = sessions }
            try pairs.compute(task) { pair, eventTime in
                if eventTime > task.maxEventTimeMillis { task.maxEventTimeMillis = eventTime }
                let acc = try StreamClosureFailure.guarding(name) { try add(initial, pair.1) }
                let entry = SessionEntry(startMillis: eventTime, endMillis: eventTime &+ gapMillis, acc: acc, recordCount: 1,
                                         sourceRecords: keepLate ? [task.currentSourceRecord()] : [])
                SessionEntry.insert(entry, into: &sessions[pair.0, default: []], merge: merge)
            }
        }
    }
}
