/// One key's window of a tumbling or sliding spec: the state's dictionary key.
@usableFromInline
struct WindowSlot<Key: Hashable>: Hashable {
    @usableFromInline var key: Key
    @usableFromInline var startMillis: Int64
    @usableFromInline var endMillis: Int64

    @inlinable
    init(key: Key, startMillis: Int64, endMillis: Int64) {
        self.key = key
        self.startMillis = startMillis
        self.endMillis = endMillis
    }

    @inlinable
    static func == (left: WindowSlot, right: WindowSlot) -> Bool {
        left.startMillis == right.startMillis && left.endMillis == right.endMillis && left.key == right.key
    }

    /// The end follows from the start for a given spec, so it is left out of the hash.
    @inlinable
    func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(startMillis)
    }
}
