#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// Settings of one `DataflowContext`: where tasks run, how they shuffle, and their limits.
public struct ExecutionConfig: Sendable {
    public var master: Master
    public var mode: ExecutionMode
    /// Partitions of a shuffle when an operator is not told; also the split count floor of sources.
    public var defaultParallelism: Int
    /// Memory all tasks of this process may hold in shuffle buffers, hash tables and in-memory
    /// shuffle output together; past it they spill to `workDirectory`.
    public var shuffleMemoryLimitBytes: Int
    /// Where shuffle and spill files go; removed when the context closes.
    public var workDirectory: String
    /// Attempts of one task before its job fails (Spark's and Hadoop's default: 4).
    public var taskAttemptsMax: Int
    /// What sources do with a record that does not parse.
    public var badRecordPolicy: BadRecordPolicy
    /// Target bytes per split when reading files whose blocks are not known.
    public var splitSizeBytes: Int
    /// A map task's sort buffer in map-reduce mode (Hadoop's `io.sort.mb`); it spills, sorted and
    /// combined, whenever it fills. Also bounded by the task's share of the memory limit. Smaller
    /// than Hadoop's 100 MB because a buffer that stays in the processor's caches sorts faster
    /// (word count: 8 MiB took a quarter less CPU than 256 MiB, with a fifth of the memory).
    public var sortBufferBytes: Int

    public init(
        master: Master = .local(threadCount: Master.processorCount),
        mode: ExecutionMode = .dataflow,
        defaultParallelism: Int? = nil,
        shuffleMemoryLimitBytes: Int = 1 << 30,
        workDirectory: String? = nil,
        taskAttemptsMax: Int = 4,
        badRecordPolicy: BadRecordPolicy = .fail,
        splitSizeBytes: Int = 32 << 20,
        sortBufferBytes: Int = 8 << 20
    ) {
        self.master = master
        self.mode = mode
        switch master {
        case .local(let threadCount): self.defaultParallelism = defaultParallelism ?? max(2, threadCount)
        case .cluster: self.defaultParallelism = defaultParallelism ?? 8
        }
        self.shuffleMemoryLimitBytes = shuffleMemoryLimitBytes
        self.workDirectory = workDirectory ?? ExecutionConfig.temporaryWorkDirectory()
        self.taskAttemptsMax = taskAttemptsMax
        self.badRecordPolicy = badRecordPolicy
        self.splitSizeBytes = splitSizeBytes
        self.sortBufferBytes = sortBufferBytes
    }

    static func temporaryWorkDirectory() -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        return "\(base)/sluice-work-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}

