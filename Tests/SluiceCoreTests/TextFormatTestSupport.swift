import SluiceCore

/// A read-only file system over in-memory files, so text reader tests touch no disk.
struct TextTestFileSystem: FileSystem {
    var files: [String: [UInt8]]

    init(_ files: [String: String]) {
        self.files = files.mapValues { Array($0.utf8) }
    }

    init(bytes files: [String: [UInt8]]) {
        self.files = files
    }

    func openForReading(_ path: String) throws -> any ReadableFile {
        guard let bytes = files[path] else { throw SluiceError.userInput("no file '\(path)'") }
        return TextTestFile(bytes: bytes)
    }

    func create(_ path: String, overwrite: Bool) throws -> any WritableFile {
        throw SluiceError.internal("read-only test file system")
    }

    func list(_ path: String) throws -> [FileStatus] { [try status(path)] }

    func status(_ path: String) throws -> FileStatus {
        guard let bytes = files[path] else { throw SluiceError.userInput("no file '\(path)'") }
        return FileStatus(path: path, isDirectory: false, sizeBytes: bytes.count, modificationTimeMillis: 0)
    }

    func exists(_ path: String) -> Bool { files[path] != nil }

    func rename(from source: String, to destination: String) throws {
        throw SluiceError.internal("read-only test file system")
    }

    func delete(_ path: String, recursive: Bool) throws {
        throw SluiceError.internal("read-only test file system")
    }

    func makeDirectories(_ path: String) throws {
        throw SluiceError.internal("read-only test file system")
    }
}

struct TextTestFile: ReadableFile {
    let bytes: [UInt8]

    var sizeBytes: Int { bytes.count }

    func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + count <= bytes.count else {
            throw SluiceError.data("read past the end")
        }
        return Array(bytes[offset..<(offset + count)])
    }

    func close() throws {}
}

/// The repository's `datasets/` folder, found from this source file's path.
func datasetPath(_ name: String, filePath: String = #filePath) -> String {
    var parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/SluiceCoreTests/<file>.swift
    return parts.joined(separator: "/") + "/datasets/" + name
}

/// Every row of every batch, boxed.
func readAllRows(_ next: () throws -> RecordBatch?) throws -> (rows: [[Value]], batchSizes: [Int]) {
    var rows: [[Value]] = []
    var sizes: [Int] = []
    while let batch = try next() {
        sizes.append(batch.rowCount)
        for index in 0..<batch.rowCount { rows.append(batch.row(index)) }
    }
    return (rows, sizes)
}

/// The error a throwing call raised, as a `SluiceError`.
func sluiceError(_ body: () throws -> Void) -> SluiceError? {
    do {
        try body()
        return nil
    } catch let error as SluiceError {
        return error
    } catch {
        return nil
    }
}
