import Foundation
import SQL

/// A progress bar on standard error for a running statement: it appears once the statement has
/// run for `delaySeconds`, is redrawn every `redrawIntervalSeconds` from a timer thread with the
/// fraction the scans report, and is erased when the statement ends. Use it only when standard
/// error is a terminal.
///
/// ```
///  42% ▕████████████▍                 ▏ 3.4 s
/// ```
///
/// Threading: `start` and `stop` are called by the thread running the statement; the timer
/// thread only draws, and `stop` waits for it before erasing, so lines never interleave.
final class ProgressBar: @unchecked Sendable {
    private let progress: QueryProgress
    private let delaySeconds: Double
    private let redrawIntervalSeconds: Double
    private let widthColumns: Int
    private let write: @Sendable (String) -> Void
    /// Guards the three flags below and wakes the timer thread early.
    private let condition = NSCondition()
    private var isStopRequested = false
    private var isTimerFinished = false
    private var hasDrawn = false

    /// - Parameters:
    ///   - widthColumns: the terminal width; the bar takes what the percentage and time leave.
    ///   - write: where the bar is drawn (standard error).
    init(progress: QueryProgress, delaySeconds: Double = 2, redrawIntervalSeconds: Double = 0.2,
         widthColumns: Int, write: @escaping @Sendable (String) -> Void) {
        self.progress = progress
        self.delaySeconds = delaySeconds
        self.redrawIntervalSeconds = redrawIntervalSeconds
        self.widthColumns = widthColumns
        self.write = write
    }

    /// Starts the timer thread.
    func start() {
        let startedAt = Date()
        Thread.detachNewThread { [self] in runTimer(startedAt: startedAt) }
    }

    /// Stops the timer thread and erases the bar if it was drawn.
    func stop() {
        condition.lock()
        isStopRequested = true
        condition.broadcast()
        while !isTimerFinished { condition.wait() }
        let erases = hasDrawn
        condition.unlock()
        if erases { write("\r\u{1B}[K") }
    }

    private func runTimer(startedAt: Date) {
        condition.lock()
        defer {
            isTimerFinished = true
            condition.broadcast()
            condition.unlock()
        }
        var wakeAt = startedAt.addingTimeInterval(delaySeconds)
        while !isStopRequested {
            if condition.wait(until: wakeAt) { continue }  // Woken early: check for stop.
            guard !isStopRequested else { break }
            let line = ProgressBar.line(fractionDone: progress.fractionDone,
                                        elapsedSeconds: Date().timeIntervalSince(startedAt), widthColumns: widthColumns)
            write("\r" + line + "\u{1B}[K")
            hasDrawn = true
            wakeAt = Date().addingTimeInterval(redrawIntervalSeconds)
        }
    }

    /// The bar's text, without the carriage return: percentage, bar, elapsed time. Before any
    /// scan reports its size the bar is empty and the percentage blank.
    static func line(fractionDone: Double?, elapsedSeconds: Double, widthColumns: Int) -> String {
        let percent = fractionDone.map { String(Int(($0 * 100).rounded(.down))) + "%" } ?? "  "
        let paddedPercent = String(repeating: " ", count: max(0, 4 - percent.count)) + percent
        let time = String(format: "%.1f s", elapsedSeconds)
        // " 42% ▕" + bar + "▏ 3.4 s", one column kept free so the cursor never wraps.
        let barWidth = max(10, min(60, widthColumns - paddedPercent.count - time.count - 5))
        let eighths = Int(((fractionDone ?? 0) * Double(barWidth * 8)).rounded(.down))
        let fullCells = min(barWidth, eighths / 8)
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let partial = fullCells < barWidth ? partials[eighths % 8] : ""
        let bar = String(repeating: "█", count: fullCells) + partial
        return paddedPercent + " ▕" + bar + String(repeating: " ", count: barWidth - fullCells - (partial.isEmpty ? 0 : 1))
            + "▏ " + time
    }
}
