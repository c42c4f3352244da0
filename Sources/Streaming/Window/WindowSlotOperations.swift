/// The driver's work on tumbling and sliding window state, as closures made where the pipeline
/// is built (from `@inlinable` operators), so the dictionary of (key, window) → accumulator is
/// used with the pipeline's concrete types instead of through generic metadata: merging a
/// task's partial in, and retiring the windows the watermark passed.
///
/// Immutable; the closures are `@Sendable` and called on the driver's thread.
@usableFromInline
struct WindowSlotOperations<Key: Hashable, Acc, Out>: Sendable {
    /// Folds a task's partial into the state, accumulators combined as `merge(state, partial)`.
    let mergePartial: @Sendable (_ state: inout [WindowSlot<Key>: Acc], _ partial: [WindowSlot<Key>: Acc]) -> Void
    /// Every window of the state as a result, split into those still open and those whose end
    /// plus the allowed lateness is at or before `watermarkMillis`; the retired ones leave the state.
    let retire: @Sendable (_ state: inout [WindowSlot<Key>: Acc], _ watermarkMillis: Int64)
        -> (open: [WindowResult<Key, Out>], retired: [WindowResult<Key, Out>])

    @inlinable
    static func make(allowedLatenessMillis lateness: Int64, merge: @escaping @Sendable (Acc, Acc) -> Acc,
                     finish: @escaping @Sendable (Acc) -> Out) -> WindowSlotOperations {
        WindowSlotOperations(
            mergePartial: { state, partial in
                // Merging into nothing gives the partial itself: no rehashing.
                if state.isEmpty {
                    state = partial
                    return
                }
                for (slot, acc) in partial {
                    if let index = state.index(forKey: slot) {
                        state.values[index] = merge(state.values[index], acc)
                    } else {
                        state[slot] = acc
                    }
                }
            },
            retire: { state, watermarkMillis in
                var open: [WindowResult<Key, Out>] = []
                var retired: [WindowResult<Key, Out>] = []
                for (slot, acc) in state {
                    let result = WindowResult(key: slot.key, windowStartMillis: slot.startMillis, windowEndMillis: slot.endMillis,
                                              value: finish(acc))
                    if slot.endMillis &+ lateness <= watermarkMillis {
                        retired.append(result)
                    } else {
                        open.append(result)
                    }
                }
                if open.isEmpty {
                    state = [:]
                } else if !retired.isEmpty {
                    state = state.filter { $0.key.endMillis &+ lateness > watermarkMillis }
                }
                return (open, retired)
            })
    }

    @usableFromInline
    init(mergePartial: @escaping @Sendable (_ state: inout [WindowSlot<Key>: Acc], _ partial: [WindowSlot<Key>: Acc]) -> Void,
         retire: @escaping @Sendable (_ state: inout [WindowSlot<Key>: Acc], _ watermarkMillis: Int64)
             -> (open: [WindowResult<Key, Out>], retired: [WindowResult<Key, Out>])) {
        self.mergePartial = mergePartial
        self.retire = retire
    }
}
