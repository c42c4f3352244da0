// swift-tools-version:6.1
// The target graph is the architecture: arrows point down only (see the design notes).
import PackageDescription

let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice", targets: ["SluiceCLI"]),
        .executable(name: "sluice-bench", targets: ["SluiceBench"]),
        .library(name: "SluiceCore", targets: ["SluiceCore"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "Warehouse", targets: ["Warehouse"]),
        .library(name: "BlockStore", targets: ["BlockStore"]),
        .library(name: "Dataflow", targets: ["Dataflow"]),
        .library(name: "Streaming", targets: ["Streaming"]),
        // The whole command line as a library, so a package with its own jobs gets `sluice submit` and the rest.
        .library(name: "SluiceCommandLine", targets: ["SluiceCommandLine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The block store's HTTP serving and calling (Cluster and BlockStore only).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            path: "Sources/CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // CRC-32C with the processor's instruction where it has one.
        .target(name: "CCRC32C", path: "Sources/CCRC32C"),
        .target(
            name: "SluiceCore",
            dependencies: ["CCRC32C", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Parquet",
            dependencies: ["SluiceCore", "CZlib", "CZstd", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Warehouse",
            dependencies: ["SluiceCore", "Parquet", .product(name: "Logging", package: "swift-log")]
        ),
        // Networking shared by every cluster role: HTTP serving and calling, retry, heartbeats, metrics.
        .target(
            name: "Cluster",
            dependencies: [
                "SluiceCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The distributed file system: namenode, datanodes, the client (`dfs://`) and WebHDFS.
        .target(
            name: "BlockStore",
            dependencies: [
                "SluiceCore", "Cluster",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The job executor: Dataset API, stages and tasks, shuffles, local and cluster backends.
        .target(
            name: "Dataflow",
            dependencies: [
                "SluiceCore", "Parquet", "Warehouse", "Cluster",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Streaming: the durable partitioned log, the broker, and stream processing on top of Dataflow and Warehouse.
        .target(
            name: "Streaming",
            dependencies: [
                "SluiceCore", "Parquet", "Warehouse", "Cluster", "Dataflow",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The SQL front end: lexer, parser and syntax tree. It knows no operators or storage.
        .target(name: "SQLParser", dependencies: ["SluiceCore"]),
        .target(
            name: "SQL",
            dependencies: ["SluiceCore", "SQLParser", "Parquet", "Warehouse", .product(name: "Logging", package: "swift-log")]
        ),
        // Every command of `sluice`; the jobs it knows are given by the binary that runs it.
        .target(
            name: "SluiceCommandLine",
            dependencies: [
                "SluiceCore", "Parquet", "Warehouse", "SQLParser", "SQL", "Cluster", "BlockStore", "Dataflow", "Streaming",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Example jobs written against the public Dataset API, as a user's package would write them.
        .target(name: "Jobs", dependencies: ["Dataflow", "Streaming", "SluiceCore"], path: "Jobs", exclude: ["README.md"]),
        // `sluice`: the command line with the example jobs.
        .executableTarget(name: "SluiceCLI", dependencies: ["SluiceCommandLine", "Jobs"]),
        // The dfs workload runs the block store client in process against a cluster of `sluice` processes.
        .executableTarget(
            name: "SluiceBench",
            dependencies: ["SluiceCore", "Parquet", "Warehouse", "SQL", "BlockStore", "Streaming", .product(name: "Logging", package: "swift-log")],
            exclude: ["anchors"]
        ),
        // Not a product: a helper the fault tests run and kill with SIGKILL mid-write.
        .executableTarget(
            name: "SluiceCrashProbe",
            dependencies: ["SluiceCore", "Warehouse"]
        ),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"]),
        .testTarget(name: "WarehouseTests", dependencies: ["Warehouse", "Parquet", "SluiceCore"]),
        .testTarget(name: "BlockStoreTests", dependencies: ["BlockStore", "Cluster", "SluiceCore"]),
        .testTarget(name: "StreamingTests", dependencies: ["Streaming", "SluiceCore", "Warehouse", "Cluster", "Dataflow"]),
        .testTarget(name: "DataflowTests", dependencies: ["Dataflow", "SluiceCore"]),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet", "SluiceCore"]),
        // The TPC-H query texts are read from the source tree.
        .testTarget(name: "SQLParserTests", dependencies: ["SQLParser", "SluiceCore"], exclude: ["tpch"]),
        // The sqllogictest files in slt/ are read from the source tree.
        .testTarget(name: "SQLTests", dependencies: ["SQL", "SQLParser", "SluiceCore", "Parquet", "Warehouse"], exclude: ["slt"]),
        // The end-to-end tests run the built `sluice` binary.
        .testTarget(name: "SluiceCLITests", dependencies: ["SluiceCLI", "SluiceCommandLine", "Jobs", "Dataflow", "SluiceCore", "SQL", "SQLParser"]),
        // Checks Sluice against pyarrow, DuckDB, deltalake, tpchgen-cli and HdfsCLI, installed by the tests
        // themselves into a Python virtual environment under .build; the Python scripts run from the source tree.
        // The block store tests start `sluice` processes and check them with their own client too.
        .testTarget(
            name: "InteropTests", dependencies: ["Parquet", "Warehouse", "SluiceCore", "SQL", "SQLParser", "BlockStore"], exclude: ["python"]),
    ],
    swiftLanguageModes: [.v6]
)
