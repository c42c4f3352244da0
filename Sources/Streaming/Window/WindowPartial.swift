/// One task's pre-aggregated windows, merged into the query's state after the task ended.
@usableFromInline
final class WindowPartial<Key: Hashable, Acc> {
    @usableFromInline var slots: [WindowSlot<Key>: Acc] = [:]
    @usableFromInline var sessions: [Key: [SessionEntry<Acc>]] = [:]

    @usableFromInline
    init() {}
}
