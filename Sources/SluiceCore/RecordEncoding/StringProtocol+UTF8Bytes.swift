extension StringProtocol {
    /// Calls `body` with the text's UTF-8 bytes without copying native strings. The
    /// contiguous-storage path is measurably faster than `withUTF8` for short keys; the copy is
    /// only for bridged or foreign strings that have no contiguous UTF-8.
    @inlinable
    func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        var copy = String(self)
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
