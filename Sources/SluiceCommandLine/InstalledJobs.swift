import Dataflow
import SluiceCore

/// The jobs of this binary, set once by `SluiceMain.run` before the command line is parsed and
/// read by the commands that run or list jobs.
enum InstalledJobs {
    private static let lock = Mutex()
    nonisolated(unsafe) private static var installed = JobCatalog([])

    static var catalog: JobCatalog {
        get { lock.withLock { installed } }
        set { lock.withLock { installed = newValue } }
    }
}
