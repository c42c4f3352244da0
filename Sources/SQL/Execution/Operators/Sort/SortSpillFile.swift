#if canImport(Glibc)
import Glibc
#endif
import SluiceCore

/// One sorted run written to disk as blocks (see `SortSpillCodec`), read back one block at a
/// time by the merge.
///
/// The file is unlinked when this object goes away, so a finished, failed or abandoned sort
/// leaves nothing behind.
///
/// Threading: used by one thread at a time (the one spilling, then the one merging).
final class SortSpillFile: @unchecked Sendable {
    let path: String
    private var descriptor: Int32
    /// Where each block starts.
    private(set) var blockOffsets: [Int] = []
    private var endOffset = 0

    /// What the file holds, for its name and error messages ("sort-run", "aggregate-partition").
    let purpose: String

    /// A new empty file with a unique name in `directory` (created when missing).
    /// - Parameter purpose: the start of the file's name and how errors call it.
    /// - Throws: `SluiceError` (io) when the folder or file cannot be created.
    init(directory: String, purpose: String = "sort-run") throws {
        self.purpose = purpose
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw SluiceError.io("cannot create the spill folder \(directory): \(String(cString: strerror(errno)))")
        }
        var template = Array((directory + "/\(purpose)-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw SluiceError.io("cannot create a spill file in \(directory): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        unlink(path)
    }

    var blockCount: Int { blockOffsets.count }

    /// Appends rows `rows` of `columns` as one block.
    /// - Throws: `SluiceError` (io) when the disk refuses the write.
    func append(_ columns: [Column], rows: Range<Int>) throws {
        let block = SortSpillCodec.encode(columns, rows: rows)
        try block.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let result = pwrite(descriptor, raw.baseAddress! + written, raw.count - written, off_t(endOffset + written))
                if result < 0 {
                    if errno == EINTR { continue }
                    throw SluiceError.io("cannot write the spill file \(path): \(String(cString: strerror(errno)))")
                }
                written += result
            }
        }
        blockOffsets.append(endOffset)
        endOffset += block.count
    }

    /// The columns of block `index`.
    /// - Throws: `SluiceError` (io) when the read fails or the block is damaged.
    func readBlock(_ index: Int, types: [DataType]) throws -> [Column] {
        let start = blockOffsets[index]
        let end = index + 1 < blockOffsets.count ? blockOffsets[index + 1] : endOffset
        var bytes = [UInt8](repeating: 0, count: end - start)
        try bytes.withUnsafeMutableBytes { raw in
            var done = 0
            while done < raw.count {
                let result = pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(start + done))
                if result < 0, errno == EINTR { continue }
                guard result > 0 else {
                    throw SluiceError.io("cannot read the spill file \(path): \(result < 0 ? String(cString: strerror(errno)) : "unexpected end")")
                }
                done += result
            }
        }
        return try bytes.withUnsafeBytes { raw in
            let header = try SortSpillCodec.decodeHeader(raw, file: path)
            let headerSize = SortSpillCodec.headerSizeBytes
            guard headerSize + header.bodySizeBytes == raw.count else {
                throw SluiceError.io("spill file \(path) (\(purpose)) is damaged (block size mismatch)")
            }
            return try SortSpillCodec.decodeBody(UnsafeRawBufferPointer(rebasing: raw[headerSize...]), rowCount: header.rowCount,
                                                 checksum: header.checksum, types: types, file: path)
        }
    }
}
