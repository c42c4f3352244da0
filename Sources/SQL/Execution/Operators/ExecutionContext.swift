#if canImport(Glibc)
import Glibc
#endif
import SluiceCore

/// What every operator of one query shares: how many threads may work, how much memory the
/// query may hold before operators spill to disk, and where spill files go.
///
/// Threading: immutable, shared freely.
public struct ExecutionContext: Sendable {
    /// How many threads drain a pipeline at once (`--threads`, default: the number of cores).
    public var threadCount: Int
    /// The memory a blocking operator (hash aggregate, hash join build, sort) may hold before it
    /// spills partitions or sorted runs to `spillDirectory` (`--memory-limit`).
    public var memoryLimitBytes: Int
    /// A local folder for spill files; operators create uniquely named files in it and delete
    /// them when they finish or fail.
    public var spillDirectory: String
    /// Rows per batch that operators producing new batches aim for.
    public var batchRowCountTarget: Int
    /// Where scans report the bytes they read, for a progress bar; nil when nobody watches.
    public var progress: QueryProgress?

    public init(threadCount: Int = ExecutionContext.coreCount, memoryLimitBytes: Int = 4 << 30,
                spillDirectory: String = ExecutionContext.defaultSpillDirectory, batchRowCountTarget: Int = 8192,
                progress: QueryProgress? = nil) {
        self.threadCount = max(1, threadCount)
        self.progress = progress
        self.memoryLimitBytes = memoryLimitBytes
        self.spillDirectory = spillDirectory
        self.batchRowCountTarget = batchRowCountTarget
    }

    /// The number of cores the process may run on.
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// `$TMPDIR/sluice-spill`, or `/tmp/sluice-spill`.
    public static var defaultSpillDirectory: String {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/sluice-spill"
    }
}
