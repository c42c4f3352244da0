import Foundation
import Logging
import Parquet
import SluiceCore

// The benchmark harness: runs a workload in Sluice and in its anchor tool in the same
// invocation and prints the time ratio. Usage: `swift run -c release sluice-bench parquet [FILE]`.

// Warnings and errors only: the harness's own lines are the report.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}
let arguments = Array(CommandLine.arguments.dropFirst())
guard let workload = arguments.first else {
    FileHandle.standardError.write(Data("usage: sluice-bench parquet|parquet-read|parquet-write|warehouse|warehouse-open|warehouse-day [LINEITEM.parquet] [--runs N] [--keep DIR]\n       sluice-bench tpch [TPCH_DIR] [--scale SF] [--queries 1,6,3] [--runs N]\n       sluice-bench dfs [--size-mib 1024] [--dir DIR] [--ops 20000] [--tasks 32]\n       sluice-bench words [--size-mib 256] [--runs N] [--skip-spark] [--spark-rdd] [--data DIR]\n       sluice-bench stream [--events-dir DIR] [--skip-spark] [--latency-seconds 20] [--runs N]\n".utf8))
    exit(1)
}
do {
    switch workload {
    case "parquet":
        try ParquetBenchmark(arguments: Array(arguments.dropFirst())).run()
    case "dfs":
        try DFSBenchmark(arguments: Array(arguments.dropFirst())).run()
    case "stream":
        try StreamBenchmark(arguments: Array(arguments.dropFirst())).run()
    case "words":
        try WordCountBenchmark(arguments: Array(arguments.dropFirst())).run()
    case "tpch":
        try TPCHBenchmark(arguments: Array(arguments.dropFirst())).run()
    case "warehouse":
        try WarehouseBenchmark(arguments: Array(arguments.dropFirst())).run()
    case "warehouse-open", "warehouse-day":
        // Sluice alone, for profilers.
        try WarehouseBenchmark(arguments: Array(arguments.dropFirst())).runSluiceOnly(step: String(workload.dropFirst("warehouse-".count)))
    case "parquet-read", "parquet-write":
        // Sluice alone, for profilers.
        try ParquetBenchmark(arguments: Array(arguments.dropFirst())).runSluiceOnly(write: workload == "parquet-write")
    default:
        FileHandle.standardError.write(Data("unknown workload '\(workload)'; known: parquet, warehouse, tpch, dfs, words, stream\n".utf8))
        exit(1)
    }
} catch {
    FileHandle.standardError.write(Data("sluice-bench: \(error)\n".utf8))
    exit(1)
}
