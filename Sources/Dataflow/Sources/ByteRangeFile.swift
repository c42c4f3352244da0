import SluiceCore

/// A byte range of an open file seen as a whole file of its own, so the format readers, which read
/// whole files, read just one split's lines. Closing it leaves the underlying file open: the task
/// that opened the file closes it.
struct ByteRangeFile: ReadableFile {
    let base: any ReadableFile
    let range: Range<Int>

    var sizeBytes: Int { range.count }

    func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + count <= range.count else {
            throw SluiceError.internal("read of \(count) bytes at \(offset) passes the end of a \(range.count)-byte range")
        }
        return try base.read(offset: range.lowerBound + offset, count: count)
    }

    func close() throws {}
}
