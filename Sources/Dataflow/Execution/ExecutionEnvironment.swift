#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// What every task of one process shares: shuffle output, cached partitions, the memory budget,
/// the work folder and the file systems.
public final class ExecutionEnvironment: @unchecked Sendable {
    // Sendable: the stores guard themselves; the rest is immutable.
    public let mode: ExecutionMode
    public let workDirectory: String
    public let shuffleOutputs: ShuffleOutputStore
    public let cachedPartitions: CachedPartitionStore
    public let memoryBudget: MemoryBudget
    public let fileSystems: FileSystemRegistry
    public let badRecordPolicy: BadRecordPolicy
    /// The share of the memory budget one task's hash table or sort buffer may use.
    public let taskMemoryLimitBytes: Int
    /// The size of a map task's sort buffer in map-reduce mode (Hadoop's `io.sort.mb`), within
    /// the task's memory share.
    public let sortBufferBytes: Int
    /// Where reduce tasks get map output: this process's store, or a worker's fetches from others.
    public let shuffleFetcher: any ShuffleFetcher
    /// Whether actions in this process run jobs (driver) or only rebuild the DAG to reach one task
    /// (a cluster worker); sinks skip their driver-side steps (output folder, `_SUCCESS`) on workers.
    public let role: ExecutionRole
    private let fileCounter = Mutex()
    private var nextFileNumber = 0

    public init(config: ExecutionConfig, taskSlotCount: Int, fileSystems: FileSystemRegistry = .shared,
                shuffleFetcher: any ShuffleFetcher = LocalShuffleFetcher(), role: ExecutionRole = .driver) throws {
        mode = config.mode
        workDirectory = config.workDirectory
        shuffleOutputs = ShuffleOutputStore()
        cachedPartitions = CachedPartitionStore()
        memoryBudget = MemoryBudget(limitBytes: config.shuffleMemoryLimitBytes)
        self.fileSystems = fileSystems
        badRecordPolicy = config.badRecordPolicy
        taskMemoryLimitBytes = max(64 << 10, config.shuffleMemoryLimitBytes / max(1, 2 * taskSlotCount))
        sortBufferBytes = config.sortBufferBytes
        self.shuffleFetcher = shuffleFetcher
        self.role = role
        try LocalFileSystem().makeDirectories(workDirectory)
    }

    /// A new path in the work folder; never handed out twice.
    public func newWorkFilePath(_ stem: String) -> String {
        let number = fileCounter.withLock { () -> Int in
            nextFileNumber += 1
            return nextFileNumber
        }
        return "\(workDirectory)/\(stem)-\(number)"
    }

    /// Removes the work folder and everything in it.
    public func removeWorkDirectory() {
        try? LocalFileSystem().delete(workDirectory, recursive: true)
    }
}
