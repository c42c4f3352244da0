/// A growable buffer of plain values in manually managed memory, for the hash tables' hot
/// loops: unlike an `Array`, its base pointer can be held across appends once
/// `reserve(_:)` has made room, and element access has no copy-on-write check.
///
/// Threading: owned by one thread at a time (a thread-local table, then the merge task).
final class RawBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Bytes allocated, for memory accounting.
    var memoryBytes: Int { capacity * MemoryLayout<Element>.stride }

    /// Makes room for at least `minimumCapacity` elements; `base` moves when it grows.
    func reserve(_ minimumCapacity: Int) {
        guard minimumCapacity > capacity else { return }
        let newCapacity = max(minimumCapacity, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity { reserve(count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    func append(_ elements: UnsafePointer<Element>, count elementCount: Int) {
        reserve(count + elementCount)
        (base + count).update(from: elements, count: elementCount)
        count += elementCount
    }

    /// Sets the count to `newCount`, filling any new slots with `fill`.
    func resize(to newCount: Int, fill: Element) {
        reserve(newCount)
        if newCount > count { (base + count).initialize(repeating: fill, count: newCount - count) }
        count = newCount
    }

    /// Replaces the contents with `newCount` copies of `fill`, reallocating to exactly that size.
    func reset(count newCount: Int, fill: Element) {
        base.deallocate()
        capacity = max(1, newCount)
        base = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        base.initialize(repeating: fill, count: newCount)
        count = newCount
    }

    subscript(index: Int) -> Element {
        @inline(__always) get { base[index] }
        @inline(__always) set { base[index] = newValue }
    }

    /// The first `count` elements as an array.
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
