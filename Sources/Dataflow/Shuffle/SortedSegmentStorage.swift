/// Owns a sorted segment reader's buffer and file descriptor, so that the value-type cursor can
/// be copied into a merge while exactly one owner frees them.
@usableFromInline
final class SortedSegmentStorage {
    @usableFromInline var storage: UnsafeMutableRawBufferPointer
    @usableFromInline var descriptor: Int32

    @usableFromInline
    init(storage: UnsafeMutableRawBufferPointer, descriptor: Int32) {
        self.storage = storage
        self.descriptor = descriptor
    }

    /// Frees the current buffer and keeps `grown` instead.
    @usableFromInline
    func replaceStorage(with grown: UnsafeMutableRawBufferPointer) {
        storage.deallocate()
        storage = grown
    }

    /// Closes the file once it has been read to the end.
    @usableFromInline
    func closeDescriptor() {
        if descriptor >= 0 { ShuffleFileIO.closeQuietly(descriptor) }
        descriptor = -1
    }

    deinit {
        storage.deallocate()
        closeDescriptor()
    }
}
