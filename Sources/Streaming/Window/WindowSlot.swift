/// One key's window of a tumbling or sliding spec: the state's dictionary key.
struct WindowSlot<Key: Hashable>: Hashable {
    var key: Key
    var startMillis: Int64
    var endMillis: Int64

    /// The end follows from the start for a given spec, so it is left out of the hash.
    func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(startMillis)
    }
}
