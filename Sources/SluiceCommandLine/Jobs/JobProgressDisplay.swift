import SluiceCore

#if canImport(Glibc)
import Glibc
#endif

/// The live progress of a submitted job on standard error, when it is a terminal: one bar per
/// stage with its id, pipeline, tasks done, running and total, records and bytes read.
///
/// ```
///  62% ▕███████████▏ stage 0 textFile → flatMap → map: 5/8 tasks, 2 running, 120432 records, 12.0 MiB
/// ```
final class JobProgressDisplay: Sendable {
    /// Bars shown at most; the oldest stages give way to the running ones.
    static let stageLineCountMax = 8

    private let bar: ProgressBar?

    private init(tracker: JobRunTracker) {
        if TerminalDevice.isTerminal(STDERR_FILENO) {
            bar = ProgressBar(delaySeconds: 0.5, widthColumns: TerminalDevice.widthColumns(of: STDERR_FILENO),
                              write: { writeStandardError($0) }) { _, widthColumns in
                tracker.snapshot.suffix(JobProgressDisplay.stageLineCountMax).map { JobProgressDisplay.line($0, widthColumns: widthColumns) }
            }
        } else {
            bar = nil
        }
    }

    /// Starts drawing (after a short delay, so quick jobs draw nothing).
    static func start(tracker: JobRunTracker) -> JobProgressDisplay {
        let display = JobProgressDisplay(tracker: tracker)
        display.bar?.start()
        return display
    }

    /// Erases the bars.
    func finish() { bar?.stop() }

    /// A stage's bar: the fraction of its tasks done, then what it has done so far.
    static func line(_ stage: StageRun, widthColumns: Int) -> String {
        let fraction = stage.taskCount == 0 ? 1 : Double(stage.tasksDone) / Double(stage.taskCount)
        var counts = "\(stage.tasksDone)/\(stage.taskCount) tasks"
        if stage.tasksRunning > 0 { counts += ", \(stage.tasksRunning) running" }
        counts += ", \(stage.recordsRead) records, \(ByteCountText.format(Int64(stage.bytesReadTotal)))"
        // Percentage, bar edges and the narrowest bar take 18 columns, one more stays free.
        let trailingWidthMax = max(10, widthColumns - 19)
        let trailing = "stage \(stage.stageId) " + TerminalText.truncated(stage.name, toWidth: max(4, trailingWidthMax - counts.count - 10)) + ": " + counts
        return ProgressBar.line(fractionDone: fraction, trailing: TerminalText.truncated(trailing, toWidth: trailingWidthMax),
                                widthColumns: widthColumns)
    }
}
