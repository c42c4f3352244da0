import SluiceCore

/// A file kept in memory, written by a `ParquetWriter` and read back by a `ParquetReader`.
/// `@unchecked Sendable`: each test writes it fully, then only reads it, on one thread.
final class MemoryFile: WritableFile, ReadableFile, @unchecked Sendable {
    var bytes: [UInt8] = []

    var position: Int { bytes.count }
    var sizeBytes: Int { bytes.count }

    func write(_ buffer: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: buffer)
    }

    func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + count <= bytes.count else {
            throw SluiceError.data("read past the end of the memory file")
        }
        return Array(bytes[offset..<(offset + count)])
    }

    func close() throws {}

    func abort() {}
}
