#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// Counts occurrences of byte strings (UTF-8 text) without making a `String` of each: keys are
/// copied once, when first seen, into an arena, and looked up by their stable partition hash
/// (the same hash a `String` of those bytes has, so they go to the same reduce partition).
/// Open addressing with linear probing, at most three quarters full. One task owns a table.
public final class UTF8CountTable {
    @usableFromInline
    struct Slot {
        /// 0 marks an empty slot (counts start at 1).
        @usableFromInline var count: Int
        @usableFromInline var hash: UInt64
        @usableFromInline var keyOffset: Int32
        @usableFromInline var keyLength: Int32

        @inlinable
        init(count: Int, hash: UInt64, keyOffset: Int32, keyLength: Int32) {
            self.count = count
            self.hash = hash
            self.keyOffset = keyOffset
            self.keyLength = keyLength
        }
    }

    @usableFromInline
    struct Storage {
        @usableFromInline var slots: UnsafeMutablePointer<Slot>
        @usableFromInline var capacity: Int
        @usableFromInline var count: Int
        @usableFromInline var arena: UnsafeMutableRawPointer
        @usableFromInline var arenaByteCount: Int
        @usableFromInline var arenaCapacity: Int

        @inlinable
        init(slots: UnsafeMutablePointer<Slot>, capacity: Int, arena: UnsafeMutableRawPointer, arenaCapacity: Int) {
            self.slots = slots
            self.capacity = capacity
            self.count = 0
            self.arena = arena
            self.arenaByteCount = 0
            self.arenaCapacity = arenaCapacity
        }
    }

    @usableFromInline let storage: UnsafeMutablePointer<Storage>

    public init(initialCapacity: Int = 4096) {
        var capacity = 16
        while capacity * 3 < initialCapacity * 4 { capacity *= 2 }
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
        slots.initialize(repeating: Slot(count: 0, hash: 0, keyOffset: 0, keyLength: 0), count: capacity)
        let arenaCapacity = 64 << 10
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage(slots: slots, capacity: capacity,
                                       arena: .allocate(byteCount: arenaCapacity, alignment: 8), arenaCapacity: arenaCapacity))
    }

    deinit {
        storage.pointee.slots.deallocate()
        storage.pointee.arena.deallocate()
        storage.deallocate()
    }

    /// Distinct keys held.
    @inlinable
    public var count: Int { storage.pointee.count }

    /// Memory the slots and the key bytes take.
    @inlinable
    public var estimatedBytes: Int {
        storage.pointee.capacity * MemoryLayout<Slot>.stride + storage.pointee.arenaCapacity
    }

    /// Adds `occurrences` to the count of `key`'s bytes.
    @inlinable
    public func add(_ key: UnsafeRawBufferPointer, occurrences: Int = 1) {
        let hash = PartitionHasher.hash(bytes: key)
        let slots = storage.pointee.slots
        let mask = storage.pointee.capacity - 1
        var index = Int(truncatingIfNeeded: hash >> 7) & mask
        let length = key.count
        while true {
            let slot = slots + index
            if slot.pointee.count == 0 { break }
            if slot.pointee.hash == hash && Int(slot.pointee.keyLength) == length
                && (length == 0 || memcmp(storage.pointee.arena + Int(slot.pointee.keyOffset), key.baseAddress!, length) == 0) {
                slot.pointee.count += occurrences
                return
            }
            index = (index + 1) & mask
        }
        let offset = storeKey(key)
        slots[index] = Slot(count: occurrences, hash: hash, keyOffset: Int32(truncatingIfNeeded: offset), keyLength: Int32(length))
        storage.pointee.count += 1
        if storage.pointee.count * 4 > storage.pointee.capacity * 3 { grow() }
    }

    @usableFromInline
    func storeKey(_ key: UnsafeRawBufferPointer) -> Int {
        let offset = storage.pointee.arenaByteCount
        if offset + key.count > storage.pointee.arenaCapacity {
            var capacity = storage.pointee.arenaCapacity * 2
            while offset + key.count > capacity { capacity *= 2 }
            precondition(capacity <= Int(Int32.max), "a word count table holds at most 2 GiB of keys")
            let arena = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            arena.copyMemory(from: storage.pointee.arena, byteCount: offset)
            storage.pointee.arena.deallocate()
            storage.pointee.arena = arena
            storage.pointee.arenaCapacity = capacity
        }
        if let base = key.baseAddress, key.count > 0 { (storage.pointee.arena + offset).copyMemory(from: base, byteCount: key.count) }
        storage.pointee.arenaByteCount = offset + key.count
        return offset
    }

    @usableFromInline
    func grow() {
        let oldSlots = storage.pointee.slots
        let oldCapacity = storage.pointee.capacity
        let capacity = oldCapacity * 2
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
        slots.initialize(repeating: Slot(count: 0, hash: 0, keyOffset: 0, keyLength: 0), count: capacity)
        let mask = capacity - 1
        for oldIndex in 0..<oldCapacity where oldSlots[oldIndex].count != 0 {
            var index = Int(truncatingIfNeeded: oldSlots[oldIndex].hash >> 7) & mask
            while slots[index].count != 0 { index = (index + 1) & mask }
            slots[index] = oldSlots[oldIndex]
        }
        oldSlots.deallocate()
        storage.pointee.slots = slots
        storage.pointee.capacity = capacity
    }

    /// Calls `body` with every key's bytes (valid during the call), its count and its partition hash.
    @inlinable
    public func forEach(_ body: (UnsafeRawBufferPointer, Int, UInt64) throws -> Void) rethrows {
        let slots = storage.pointee.slots
        let arena = storage.pointee.arena
        for index in 0..<storage.pointee.capacity where slots[index].count != 0 {
            let slot = slots[index]
            try body(UnsafeRawBufferPointer(start: arena + Int(slot.keyOffset), count: Int(slot.keyLength)), slot.count, slot.hash)
        }
    }

    /// Empties the table, keeping its slots and arena.
    public func removeAll() {
        storage.pointee.slots.update(repeating: Slot(count: 0, hash: 0, keyOffset: 0, keyLength: 0), count: storage.pointee.capacity)
        storage.pointee.count = 0
        storage.pointee.arenaByteCount = 0
    }
}
