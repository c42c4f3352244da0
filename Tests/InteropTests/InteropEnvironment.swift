import Foundation

/// The tools Sluice is checked against: pyarrow, DuckDB, deltalake (delta-rs), tpchgen-cli and
/// HdfsCLI (the `hdfs` package, a WebHDFS client) in a Python virtual environment at
/// `.build/interop-venv` of the package, created and filled on first use and reused after that
/// (a `.ready` marker names what was installed).
///
/// Thread-safety: `shared()` may be called from any test at once. Within the process the setup
/// runs once (a lazily initialized static); across processes a `flock` on
/// `.build/interop-venv.lock` makes a second `swift test` wait for the first one's install.
/// Install failures are thrown with pip's output: a missing tool fails the tests, never skips
/// them, so CI cannot go green without having compared anything.
struct InteropEnvironment: Sendable {
    /// What `pip install` is given; changing it reinstalls on the next run.
    static let pythonPackages = ["pyarrow", "duckdb", "tpchgen-cli", "deltalake", "hdfs"]

    /// TPC-H lineitem at this scale factor has 60,175 rows.
    static let lineitemScaleFactor = "0.01"

    let packageRoot: String
    let virtualEnvironmentPath: String

    var python: String { virtualEnvironmentPath + "/bin/python" }
    var scriptsDirectory: String { packageRoot + "/Tests/InteropTests/python" }
    var dataCacheDirectory: String { packageRoot + "/.build/interop-data" }

    /// The prepared environment, or the reason it could not be prepared.
    static func shared() throws -> InteropEnvironment {
        try preparedEnvironment.get()
    }

    private static let preparedEnvironment = Result { try InteropEnvironment.prepare() }

    /// The package root: this file lives at `Tests/InteropTests/` below it.
    static let packageRootPath: String = {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // InteropTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
            .path
    }()

    private static func prepare() throws -> InteropEnvironment {
        let buildDirectory = packageRootPath + "/.build"
        try FileManager.default.createDirectory(atPath: buildDirectory, withIntermediateDirectories: true)
        let environment = InteropEnvironment(packageRoot: packageRootPath,
                                             virtualEnvironmentPath: buildDirectory + "/interop-venv")
        try FileLock.withExclusiveLock(buildDirectory + "/interop-venv.lock") {
            try environment.installIfNeeded()
        }
        return environment
    }

    private var readyMarkerPath: String { virtualEnvironmentPath + "/.ready" }

    private var readyMarkerContents: String { InteropEnvironment.pythonPackages.joined(separator: " ") + "\n" }

    private func installIfNeeded() throws {
        if let marker = FileManager.default.contents(atPath: readyMarkerPath),
           String(decoding: marker, as: UTF8.self) == readyMarkerContents {
            return
        }
        if !FileManager.default.isExecutableFile(atPath: python) {
            try CommandRunner.runChecked(["python3", "-m", "venv", virtualEnvironmentPath])
        }
        let install = try CommandRunner.run(
            [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input"] + InteropEnvironment.pythonPackages)
        guard install.exitStatus == 0 else {
            throw InteropFailure("pip could not install the interop tools into \(virtualEnvironmentPath)\n" + install.report)
        }
        try CommandRunner.runChecked([python, "-c", "import pyarrow, duckdb, deltalake, hdfs"])
        try CommandRunner.runChecked([virtualEnvironmentPath + "/bin/tpchgen-cli", "--version"])
        guard FileManager.default.createFile(atPath: readyMarkerPath, contents: Data(readyMarkerContents.utf8)) else {
            throw InteropFailure("cannot write \(readyMarkerPath)")
        }
    }

    /// Runs one of the scripts in `Tests/InteropTests/python` with the environment's Python.
    /// - Throws: `InteropFailure` with the script's stdout and stderr when it exits non-zero.
    @discardableResult
    func runScript(_ name: String, _ arguments: [String]) throws -> CommandRunner.Result {
        // No bytecode caches in the source tree.
        try CommandRunner.runChecked([python, scriptsDirectory + "/" + name] + arguments,
                                     environment: ["PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"])
    }

    /// TPC-H lineitem written by `tpchgen-cli parquet`, generated once and cached under
    /// `.build/interop-data`. Generation goes to a scratch directory first so an interrupted run
    /// never leaves a partial file in the cache.
    func lineitemPath() throws -> String {
        let directory = dataCacheDirectory + "/tpch-sf\(InteropEnvironment.lineitemScaleFactor)"
        let path = directory + "/lineitem.parquet"
        try FileManager.default.createDirectory(atPath: dataCacheDirectory, withIntermediateDirectories: true)
        try FileLock.withExclusiveLock(dataCacheDirectory + "/tpch.lock") {
            if FileManager.default.fileExists(atPath: path) { return }
            let scratch = directory + ".partial"
            try? FileManager.default.removeItem(atPath: scratch)
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            try CommandRunner.runChecked([virtualEnvironmentPath + "/bin/tpchgen-cli", "parquet",
                                          "-s", InteropEnvironment.lineitemScaleFactor, "--tables=lineitem",
                                          "--output-dir=" + scratch, "--quiet"])
            guard FileManager.default.fileExists(atPath: scratch + "/lineitem.parquet") else {
                throw InteropFailure("tpchgen-cli wrote no lineitem.parquet into \(scratch)")
            }
            try? FileManager.default.removeItem(atPath: directory)
            try FileManager.default.moveItem(atPath: scratch, toPath: directory)
        }
        return path
    }
}
