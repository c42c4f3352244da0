import Foundation

/// The arguments every workload takes: an input file, `--runs N`, `--keep DIR`.
struct BenchmarkArguments {
    var inputPath: String?
    var runCount: Int?
    /// Keep the written files in this folder instead of a temporary one.
    var keepDirectory: String?

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--runs", index + 1 < arguments.count, let runs = Int(arguments[index + 1]) {
                runCount = runs
                index += 2
            } else if arguments[index] == "--keep", index + 1 < arguments.count {
                keepDirectory = arguments[index + 1]
                index += 2
            } else {
                inputPath = arguments[index]
                index += 1
            }
        }
    }
}

/// Writes a line of the benchmark report to standard output.
func report(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
