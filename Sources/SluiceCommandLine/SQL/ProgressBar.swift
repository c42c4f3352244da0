import Foundation
import SQL

/// A progress display on standard error for running work: it appears once the work has run for
/// `delaySeconds`, is redrawn every `redrawIntervalSeconds` from a timer thread, and is erased
/// when the work ends. It draws one bar (a statement's scans, a transfer) or several lines, one
/// per stage of a job, redrawn in place. Use it only when standard error is a terminal.
///
/// ```
///  42% ▕████████████▍                 ▏ 3.4 s
/// ```
///
/// Threading: `start` and `stop` are called by the thread running the work; the timer thread
/// only draws, and `stop` waits for it before erasing, so lines never interleave.
final class ProgressBar: @unchecked Sendable {
    /// The lines to draw, given the seconds since `start` and the terminal width. Called on the
    /// timer thread; each line must fit in the width less one column.
    typealias LineSource = @Sendable (_ elapsedSeconds: Double, _ widthColumns: Int) -> [String]

    private let lines: LineSource
    private let delaySeconds: Double
    private let redrawIntervalSeconds: Double
    private let widthColumns: Int
    private let write: @Sendable (String) -> Void
    /// Guards the flags below and wakes the timer thread early.
    private let condition = NSCondition()
    private var isStopRequested = false
    private var isTimerFinished = false
    /// Lines on screen from the last draw; the next draw moves up over them.
    private var drawnLineCount = 0

    /// One bar showing the fraction `progress` reports.
    ///
    /// - Parameters:
    ///   - widthColumns: the terminal width; the bar takes what the percentage and time leave.
    ///   - write: where the bar is drawn (standard error).
    convenience init(progress: QueryProgress, delaySeconds: Double = 2, redrawIntervalSeconds: Double = 0.2,
                     widthColumns: Int, write: @escaping @Sendable (String) -> Void) {
        self.init(delaySeconds: delaySeconds, redrawIntervalSeconds: redrawIntervalSeconds, widthColumns: widthColumns,
                  write: write) { elapsedSeconds, widthColumns in
            [ProgressBar.line(fractionDone: progress.fractionDone, elapsedSeconds: elapsedSeconds, widthColumns: widthColumns)]
        }
    }

    /// Lines from `lines`, redrawn in place (a bar per stage of a job).
    init(delaySeconds: Double = 2, redrawIntervalSeconds: Double = 0.2, widthColumns: Int,
         write: @escaping @Sendable (String) -> Void, lines: @escaping LineSource) {
        self.lines = lines
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

    /// Stops the timer thread and erases what it drew.
    func stop() {
        condition.lock()
        isStopRequested = true
        condition.broadcast()
        while !isTimerFinished { condition.wait() }
        let erased = drawnLineCount
        condition.unlock()
        if erased > 0 { write(ProgressBar.cursorUp(erased - 1) + "\r\u{1B}[J") }
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
            let drawn = lines(Date().timeIntervalSince(startedAt), widthColumns)
            if !drawn.isEmpty {
                // Back to the first line drawn last time, then each line cleared to its end, and
                // whatever the last draw had below cleared too.
                write(ProgressBar.cursorUp(drawnLineCount - 1) + "\r" + drawn.joined(separator: "\u{1B}[K\n") + "\u{1B}[J")
                drawnLineCount = drawn.count
            }
            wakeAt = Date().addingTimeInterval(redrawIntervalSeconds)
        }
    }

    /// The escape sequence moving the cursor up `lineCount` lines; empty for none.
    private static func cursorUp(_ lineCount: Int) -> String {
        lineCount > 0 ? "\u{1B}[\(lineCount)A" : ""
    }

    /// The bar's text, without the carriage return: percentage, bar, elapsed time. Before any
    /// scan reports its size the bar is empty and the percentage blank.
    static func line(fractionDone: Double?, elapsedSeconds: Double, widthColumns: Int) -> String {
        line(fractionDone: fractionDone, trailing: String(format: "%.1f s", elapsedSeconds), widthColumns: widthColumns)
    }

    /// Percentage, bar, then `trailing` (a time, a stage's counts); the bar takes the width
    /// `trailing` leaves, between 10 and 60 columns.
    static func line(fractionDone: Double?, trailing: String, widthColumns: Int) -> String {
        let percent = fractionDone.map { String(Int(($0 * 100).rounded(.down))) + "%" } ?? "  "
        let paddedPercent = String(repeating: " ", count: max(0, 4 - percent.count)) + percent
        // " 42% ▕" + bar + "▏ 3.4 s", one column kept free so the cursor never wraps.
        let barWidth = max(10, min(60, widthColumns - paddedPercent.count - TerminalText.displayWidth(trailing) - 5))
        let eighths = Int(((fractionDone ?? 0) * Double(barWidth * 8)).rounded(.down))
        let fullCells = min(barWidth, eighths / 8)
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let partial = fullCells < barWidth ? partials[eighths % 8] : ""
        let bar = String(repeating: "█", count: fullCells) + partial
        return paddedPercent + " ▕" + bar + String(repeating: " ", count: barWidth - fullCells - (partial.isEmpty ? 0 : 1))
            + "▏ " + trailing
    }
}
