// A helper for fault tests, not a tool: it writes to a warehouse table and is killed with
// SIGKILL by the test that started it, at a point the test picks from what it prints.
//
//   SluiceCrashProbe write-and-wait TABLE FIRST_ID FILE_COUNT
//       writes FILE_COUNT batches of one row each (ids from FIRST_ID) through a TableWriter,
//       prints "WRITTEN", and waits without committing. The table should roll to a new data
//       file per batch (a tiny `delta.targetFileSize`), so the files are finished on disk.
//   SluiceCrashProbe commit-loop TABLE FIRST_ID
//       appends one row per commit, ids from FIRST_ID up, printing "COMMITTED ID" after each,
//       until killed.
//
// Rows hold only `id` (INT64); the table's other columns must be nullable.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore
import Warehouse

/// Writes a line straight to a descriptor, unbuffered: the test waits for it on a pipe, and a
/// kill must not lose a line the probe already announced.
func writeLine(_ line: String, to descriptor: Int32) {
    let bytes = Array((line + "\n").utf8)
    var done = 0
    while done < bytes.count {
        let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, bytes.count - done) }
        if result <= 0 { return }
        done += result
    }
}

func announce(_ line: String) {
    writeLine(line, to: STDOUT_FILENO)
}

func idBatch(_ ids: Range<Int64>) throws -> RecordBatch {
    RecordBatch(schema: Schema([Field("id", .int64, nullable: false)]),
                columns: [try Column(type: .int64, ids.map { Value.int64($0) })])
}

func run(_ arguments: [String]) throws {
    guard arguments.count >= 3, let firstId = Int64(arguments[2]) else {
        throw SluiceError.userInput("usage: write-and-wait TABLE FIRST_ID FILE_COUNT | commit-loop TABLE FIRST_ID")
    }
    let table = try Table(fileSystem: LocalFileSystem(), path: arguments[1])
    switch arguments[0] {
    case "write-and-wait":
        guard arguments.count == 4, let fileCount = Int64(arguments[3]) else {
            throw SluiceError.userInput("write-and-wait needs FILE_COUNT")
        }
        let writer = try table.writer()
        for id in firstId..<(firstId + fileCount) { try writer.write(try idBatch(id..<(id + 1))) }
        announce("WRITTEN")
        while true { pause() }
    case "commit-loop":
        var id = firstId
        while true {
            try table.append([try idBatch(id..<(id + 1))])
            announce("COMMITTED \(id)")
            id += 1
        }
    default:
        throw SluiceError.userInput("unknown mode '\(arguments[0])'")
    }
}

do {
    try run(Array(CommandLine.arguments.dropFirst()))
} catch {
    writeLine("SluiceCrashProbe: \(error)", to: STDERR_FILENO)
    exit(2)
}
