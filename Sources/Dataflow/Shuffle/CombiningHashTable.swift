import SluiceCore

/// An open-addressing hash table for combining values by key in the shuffle's hot path.
///
/// Faster than `Dictionary` here because keys are hashed with the stable, cheap `PartitionHasher`
/// instead of SipHash; a probe compares the stored 64-bit hash before the keys, so string keys are
/// compared only when they are almost surely equal; and a slot keeps hash, key and value together,
/// so a lookup touches one cache line. Its mutable state lives behind pointers so the hot path pays
/// no runtime exclusivity checks. Linear probing, power-of-two capacity, at most three quarters full.
/// One task owns a table; not thread-safe.
public final class CombiningHashTable<Key: PartitionHashable & Equatable, Value> {
    @usableFromInline
    struct Slot {
        /// 0 marks an empty slot (key and value then uninitialized); stored hashes have their
        /// lowest bit set so none is 0.
        @usableFromInline var hash: UInt64
        @usableFromInline var key: Key
        @usableFromInline var value: Value

        @inlinable
        init(hash: UInt64, key: Key, value: Value) {
            self.hash = hash
            self.key = key
            self.value = value
        }
    }

    @usableFromInline
    struct Storage {
        @usableFromInline var slots: UnsafeMutableRawPointer
        @usableFromInline var capacity: Int
        @usableFromInline var count: Int

        @inlinable
        init(slots: UnsafeMutableRawPointer, capacity: Int, count: Int) {
            self.slots = slots
            self.capacity = capacity
            self.count = count
        }
    }

    @usableFromInline let storage: UnsafeMutablePointer<Storage>

    @inlinable
    public init(initialCapacity: Int = 1024) {
        var capacity = 16
        while capacity < initialCapacity * 2 { capacity *= 2 }
        assert(MemoryLayout<Slot>.offset(of: \Slot.hash) == Self.hashOffset, "a slot's hash must be its first field")
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage(slots: Self.allocateSlots(capacity), capacity: capacity, count: 0))
    }

    @inlinable
    deinit {
        deinitializeEntries()
        storage.pointee.slots.deallocate()
        storage.deallocate()
    }

    @inlinable
    static var slotStride: Int { MemoryLayout<Slot>.stride }

    /// The hash is a slot's first field; Swift lays out struct fields in declaration order.
    @inlinable
    static var hashOffset: Int { 0 }

    @inlinable
    static func allocateSlots(_ capacity: Int) -> UnsafeMutableRawPointer {
        let slots = UnsafeMutableRawPointer.allocate(byteCount: capacity * slotStride, alignment: MemoryLayout<Slot>.alignment)
        for index in 0..<capacity { slots.storeBytes(of: 0 as UInt64, toByteOffset: index * slotStride + hashOffset, as: UInt64.self) }
        return slots
    }

    @inlinable
    static func hash(at index: Int, in slots: UnsafeMutableRawPointer) -> UInt64 {
        slots.load(fromByteOffset: index * slotStride + hashOffset, as: UInt64.self)
    }

    @inlinable
    static func slot(at index: Int, in slots: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Slot> {
        (slots + index * slotStride).assumingMemoryBound(to: Slot.self)
    }

    /// How many keys the table holds.
    @inlinable
    public var count: Int { storage.pointee.count }

    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// Memory the table's slots take.
    @inlinable
    public var estimatedBytes: Int { storage.pointee.capacity * Self.slotStride }

    /// Merges into the entry for `key` with `merge`, or stores `create()` when there is none.
    ///
    /// - Returns: whether a new entry was made.
    @inlinable
    @discardableResult
    public func combine(_ key: Key, create: () throws -> Value, merge: (inout Value) throws -> Void) rethrows -> Bool {
        let hash = key.partitionHash() | 1
        let slots = storage.pointee.slots
        let mask = storage.pointee.capacity - 1
        var index = Int(truncatingIfNeeded: hash >> 7) & mask
        while true {
            let stored = Self.hash(at: index, in: slots)
            if stored == 0 { break }
            if stored == hash {
                let slot = Self.slot(at: index, in: slots)
                if slot.pointee.key == key {
                    try merge(&slot.pointee.value)
                    return false
                }
            }
            index = (index + 1) & mask
        }
        let value = try create()
        Self.slot(at: index, in: slots).initialize(to: Slot(hash: hash, key: key, value: value))
        storage.pointee.count += 1
        if storage.pointee.count * 4 > storage.pointee.capacity * 3 { grow() }
        return true
    }

    /// Calls `body` with every entry, in slot order.
    @inlinable
    public func forEach(_ body: (Key, Value) throws -> Void) rethrows {
        let slots = storage.pointee.slots
        for index in 0..<storage.pointee.capacity where Self.hash(at: index, in: slots) != 0 {
            let slot = Self.slot(at: index, in: slots)
            try body(slot.pointee.key, slot.pointee.value)
        }
    }

    /// Empties the table, keeping its capacity.
    @inlinable
    public func removeAll() {
        deinitializeEntries()
        storage.pointee.count = 0
    }

    /// Deinitializes every entry and marks its slot empty. Also runs unspecialized (from
    /// `deinit`), so the loop fetches the slot type's layout once, not per slot.
    @inlinable
    func deinitializeEntries() {
        guard storage.pointee.count > 0 else { return }
        let slots = storage.pointee.slots
        let stride = Self.slotStride
        let capacity = storage.pointee.capacity
        let slotType = Slot.self
        var offset = 0
        for _ in 0..<capacity {
            if slots.load(fromByteOffset: offset, as: UInt64.self) != 0 {
                (slots + offset).assumingMemoryBound(to: slotType).deinitialize(count: 1)
                slots.storeBytes(of: 0 as UInt64, toByteOffset: offset, as: UInt64.self)
            }
            offset += stride
        }
    }

    @inlinable
    func grow() {
        let oldSlots = storage.pointee.slots
        let oldCapacity = storage.pointee.capacity
        let capacity = oldCapacity * 2
        let slots = Self.allocateSlots(capacity)
        let mask = capacity - 1
        for oldIndex in 0..<oldCapacity {
            let hash = Self.hash(at: oldIndex, in: oldSlots)
            guard hash != 0 else { continue }
            var index = Int(truncatingIfNeeded: hash >> 7) & mask
            while Self.hash(at: index, in: slots) != 0 { index = (index + 1) & mask }
            Self.slot(at: index, in: slots).moveInitialize(from: Self.slot(at: oldIndex, in: oldSlots), count: 1)
        }
        oldSlots.deallocate()
        storage.pointee.slots = slots
        storage.pointee.capacity = capacity
    }
}
