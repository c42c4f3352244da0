/// One task's pre-aggregated windows, merged into the query's state after the task ended.
final class WindowPartial<Key: Hashable, Acc> {
    var slots: [WindowSlot<Key>: Acc] = [:]
    var sessions: [Key: [SessionEntry<Acc>]] = [:]
}
