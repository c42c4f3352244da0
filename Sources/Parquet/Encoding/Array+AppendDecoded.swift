extension Array where Element: BitwiseCopyable {
    /// Appends `count` elements that `write` stores straight into the array's memory, so decoders
    /// copy each value once. An empty array without room is built uninitialized; otherwise the
    /// new slots are first filled with `placeholder`. If `write` throws, the array is unchanged.
    mutating func appendDecoded(
        count: Int, placeholder: Element, _ write: (UnsafeMutablePointer<Element>) throws -> Void
    ) rethrows {
        guard count > 0 else { return }
        if isEmpty && capacity < count {
            self = try Array(unsafeUninitializedCapacity: count) { buffer, initializedCount in
                try write(buffer.baseAddress!)
                initializedCount = count
            }
            return
        }
        let oldCount = self.count
        append(contentsOf: repeatElement(placeholder, count: count))
        do {
            try withUnsafeMutableBufferPointer { try write($0.baseAddress! + oldCount) }
        } catch {
            removeLast(count)
            throw error
        }
    }
}
