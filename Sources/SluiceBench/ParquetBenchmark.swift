import Foundation
import Parquet
import SluiceCore

/// TPC-H lineitem read and write, Sluice against pyarrow, one thread each, best of N runs.
struct ParquetBenchmark {
    var inputPath: String?
    var runCount = 3
    /// Keep the written files in this folder instead of a temporary one.
    var keepDirectory: String?

    init(arguments: [String]) throws {
        let parsed = BenchmarkArguments(arguments)
        inputPath = parsed.inputPath
        keepDirectory = parsed.keepDirectory
        if let runs = parsed.runCount { runCount = runs }
    }

    func run() throws {
        let environment = try PythonEnvironment.standard()
        let input = try inputPath ?? ParquetBenchmark.generateLineitem(environment)
        let scratch = keepDirectory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bench-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { if keepDirectory == nil { try? FileManager.default.removeItem(at: scratch) } }

        report("workload: TPC-H lineitem \(input), \(runCount) runs each, best time, one thread")
        let sluiceRead = try best { _ = try readAll(input) }
        let batches = try readAll(input)
        let rowCount = batches.reduce(0) { $0 + $1.rowCount }
        let sluiceWriteNone = try best { try write(batches, to: scratch.appendingPathComponent("sluice-none.parquet").path, codec: .uncompressed) }
        let sluiceWriteSnappy = try best { try write(batches, to: scratch.appendingPathComponent("sluice-snappy.parquet").path, codec: .snappy) }

        let anchor = try environment.run(script: ParquetBenchmark.pyarrowScript, arguments: [input, scratch.path, String(runCount)])
        var anchorTimes: [String: Double] = [:]
        for line in anchor.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let seconds = Double(parts[1]) { anchorTimes[String(parts[0])] = seconds }
        }
        report("rows: \(rowCount)")
        report("step                 sluice_s  pyarrow_s  ratio")
        for (name, mine) in [("read-snappy", sluiceRead), ("write-uncompressed", sluiceWriteNone), ("write-snappy", sluiceWriteSnappy)] {
            let theirs = anchorTimes[name] ?? .nan
            let label = name.padding(toLength: 20, withPad: " ", startingAt: 0)
            report(label + String(format: " %8.3f  %9.3f  %5.2fx", mine, theirs, mine / theirs))
        }
        let check = try environment.run(script: ParquetBenchmark.verifyScript,
                                        arguments: [input, scratch.appendingPathComponent("sluice-snappy.parquet").path])
        report("pyarrow reads Sluice's file back: \(check.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    func runSluiceOnly(write: Bool) throws {
        guard let input = inputPath else { throw Shell.Failure(command: "parquet-read", status: 1, standardError: "needs a file") }
        let batches = try readAll(input)
        if write {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bench-\(getpid()).parquet").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let seconds = try best { try self.write(batches, to: path, codec: .snappy) }
            report("write-snappy \(seconds)")
        } else {
            let seconds = try best { _ = try readAll(input) }
            report("read \(seconds)")
        }
    }

    private func readAll(_ path: String) throws -> [RecordBatch] {
        let reader = try ParquetReader(fileSystem: LocalFileSystem(), path: path)
        return try (0..<reader.rowGroupCount).map { try reader.readRowGroup($0) }
    }

    private func write(_ batches: [RecordBatch], to path: String, codec: CompressionCodec) throws {
        let file = try LocalFileSystem().create(path, overwrite: true)
        let writer = try ParquetWriter(file: file, schema: batches[0].schema, options: ParquetWriterOptions(codec: codec))
        for batch in batches { try writer.write(batch) }
        try writer.close()
    }

    private func best(_ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<runCount {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.min() ?? .nan
    }

    /// TPC-H SF1 lineitem from tpchgen-cli, generated once under `.build/bench-data`.
    static func generateLineitem(_ environment: PythonEnvironment) throws -> String {
        let directory = FileManager.default.currentDirectoryPath + "/.build/bench-data/tpch-sf1"
        let path = directory + "/lineitem.parquet"
        if !FileManager.default.fileExists(atPath: path) {
            report("generating TPC-H SF1 into \(directory) with tpchgen-cli ...")
            try Shell.run(environment.directory.appendingPathComponent("bin/tpchgen-cli").path,
                          ["parquet", "-s", "1", "--compression=SNAPPY", "--output-dir=\(directory)"])
        }
        return path
    }

    static let pyarrowScript = AnchorScript.load("parquet_pyarrow")

    static let verifyScript = AnchorScript.load("parquet_verify")
}
