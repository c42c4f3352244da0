#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore
import Streaming

/// A fresh temporary folder for one test, deleted by `remove()`.
struct TemporaryLogDirectory {
    let path: String

    init() {
        var template = Array("/tmp/sluice-partition-log-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(created != nil, "cannot create a temporary folder")
        path = String(cString: created!)
    }

    func remove() {
        try? LocalFileSystem().delete(path, recursive: true)
    }

    /// The path of a segment's log file in this folder.
    func segmentLogPath(baseOffset: Int64) -> String {
        let digits = String(baseOffset)
        return path + "/" + String(repeating: "0", count: 20 - digits.count) + digits + ".log"
    }
}

/// Seeded records whose values and timestamps are reproducible from their position.
enum SeededRecords {
    static func make(count: Int, seed: UInt64, startMillis: Int64 = 1_000_000) -> [LogRecord] {
        var random = SeededRandomGenerator(seed: seed)
        return (0..<count).map { index in
            let jitter = Int64.random(in: -50...50, using: &random)
            let valueLength = Int.random(in: 0...40, using: &random)
            let value = (0..<valueLength).map { _ in UInt8.random(in: 0...255, using: &random) }
            let key: [UInt8]? = index % 3 == 0 ? nil : Array("key-\(index % 17)".utf8)
            return LogRecord(timestampMillis: startMillis + Int64(index) * 10 + jitter, key: key, value: value)
        }
    }

    /// Appends `records`, the first of which gets `firstOffset`, in seeded batches of 1 to
    /// `batchCountMax` records.
    static func append(_ records: [LogRecord], to log: PartitionLog, seed: UInt64, firstOffset: Int64 = 0, batchCountMax: Int = 20) throws {
        var random = SeededRandomGenerator(seed: seed)
        var start = 0
        while start < records.count {
            let end = min(records.count, start + Int.random(in: 1...batchCountMax, using: &random))
            let offsets = try log.append(Array(records[start..<end]))
            precondition(offsets == firstOffset + Int64(start)..<firstOffset + Int64(end), "offsets out of step")
            start = end
        }
    }

    static func matches(_ stored: [StoredRecord], _ records: [LogRecord], from offset: Int) -> Bool {
        stored.enumerated().allSatisfy { index, record in
            let expected = records[offset + index]
            return record.offset == Int64(offset + index) && record.timestampMillis == expected.timestampMillis
                && record.key == expected.key && record.value == expected.value
        }
    }
}

/// File surgery for the damage tests.
enum FileDamage {
    static func size(of path: String) -> Int {
        var info = stat()
        precondition(stat(path, &info) == 0, "cannot stat")
        return Int(info.st_size)
    }

    static func truncate(_ path: String, toBytes length: Int) {
        precondition(Glibc.truncate(path, off_t(length)) == 0, "cannot truncate")
    }

    static func flipByte(_ path: String, at position: Int) {
        let descriptor = open(path, O_RDWR)
        precondition(descriptor >= 0, "cannot open")
        defer { close(descriptor) }
        var byte: UInt8 = 0
        precondition(pread(descriptor, &byte, 1, off_t(position)) == 1, "cannot read")
        byte ^= 0xFF
        precondition(pwrite(descriptor, &byte, 1, off_t(position)) == 1, "cannot write")
    }
}
