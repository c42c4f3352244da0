import SQL
import SluiceCore

#if canImport(Glibc)
import Glibc
#endif

/// The progress bar of long `-put` and `-get` transfers on standard error, when it is a terminal.
final class TransferProgressDisplay: Sendable {
    private let progress = QueryProgress()
    private let bar: ProgressBar?

    private init(totalBytes: Int) {
        progress.addPlanned(bytes: max(totalBytes, 1))
        if TerminalDevice.isTerminal(STDERR_FILENO) {
            bar = ProgressBar(progress: progress, widthColumns: TerminalDevice.widthColumns(of: STDERR_FILENO)) { writeStandardError($0) }
        } else {
            bar = nil
        }
    }

    static func start(totalBytes: Int) -> TransferProgressDisplay {
        let display = TransferProgressDisplay(totalBytes: totalBytes)
        display.bar?.start()
        return display
    }

    func advance(bytes: Int) { progress.addDone(bytes: bytes) }

    func finish() { bar?.stop() }
}
