@testable import Dataflow
import Foundation
import Testing
@testable import SluiceCommandLine

/// The pieces of `sluice submit` that need no process: option splitting, stage tracking, the
/// progress lines and the report.
@Suite struct JobReportingTests {
    @Test func submitOptionsAfterTheJobAreSubmits() throws {
        var command = try SubmitCommand.parse(["wordcount", "--input", "a.txt", "--mode=mapreduce", "--output", "out",
                                               "--master", "local[3]", "--partitions", "4"])
        let rest = try command.takeOwnOptions()
        #expect(rest == ["--input", "a.txt", "--output", "out", "--partitions", "4"])
        #expect(command.mode == "mapreduce" && command.master == "local[3]")
        let settings = try SubmitSettings(master: command.master, mode: command.mode, memory: "64MiB", parallelism: "6", badRecords: "skip")
        let config = settings.executionConfig
        #expect(config.master == .local(threadCount: 3) && config.mode == .mapreduce && config.defaultParallelism == 6)
        #expect(config.shuffleMemoryLimitBytes == 64 << 20 && config.badRecordPolicy == .skip)
    }

    @Test func trackerFollowsStagesThroughTheirTasks() {
        let tracker = JobRunTracker()
        tracker.handle(.stageStarted(StageProgress(stageId: 0, name: "textFile → map", kind: .shuffleMap, taskCount: 2)))
        tracker.handle(.taskStarted(stageId: 0, partition: 0, attemptNumber: 0))
        tracker.handle(.taskStarted(stageId: 0, partition: 1, attemptNumber: 0))
        var metrics = TaskMetrics()
        metrics.recordsRead = 10
        metrics.bytesRead = 100
        tracker.handle(.taskEnded(stageId: 0, partition: 0, attemptNumber: 0, metrics: metrics, failure: nil))
        tracker.handle(.taskEnded(stageId: 0, partition: 1, attemptNumber: 0, metrics: metrics, failure: "boom"))
        var running = tracker.snapshot[0]
        #expect(running.tasksDone == 1 && running.tasksRunning == 0 && running.recordsRead == 10 && running.elapsedMillis == nil)
        let line = JobProgressDisplay.line(running, widthColumns: 100)
        #expect(line.hasPrefix(" 50% ▕") && line.contains("stage 0 textFile → map: 1/2 tasks, 10 records, 100 B"), "\(line)")
        #expect(TerminalText.displayWidth(JobProgressDisplay.line(running, widthColumns: 40)) <= 39)

        metrics.shuffleBytesWritten = 7
        tracker.handle(.stageCompleted(stageId: 0, elapsedMillis: 1234, metrics: metrics))
        running = tracker.snapshot[0]
        #expect(running.tasksDone == 2 && running.elapsedMillis == 1234 && running.shuffleBytesWritten == 7 && running.recordsRead == 10)
        let record = JobRunRecord(id: "20250101-000000-0001", job: "wordcount", arguments: [], master: "local[2]", mode: "dataflow",
                                  startTime: "2025-01-01T00:00:00Z", durationMillis: 1500, status: .succeeded, message: nil,
                                  summary: ["top 10 words:"], stages: tracker.snapshot)
        let report = JobRunReport.text(record, tableWidthMax: nil)
        #expect(report.hasPrefix("run 20250101-000000-0001: wordcount succeeded in 1.500 s (local[2], dataflow)\n"), "\(report)")
        #expect(report.contains("1.234 s") && report.contains("textFile → map") && report.hasSuffix("top 10 words:\n"), "\(report)")
    }

    @Test func severalLinesAreRedrawnInPlaceAndErased() {
        let drawn = DrawnPieces()
        let bar = ProgressBar(delaySeconds: 0, redrawIntervalSeconds: 3600, widthColumns: 80, write: { drawn.append($0) }) { _, _ in
            ["first", "second"]
        }
        bar.start()
        // The first draw happens at once; wait for it without sleeping a fixed time.
        while drawn.text.isEmpty { sched_yield() }
        bar.stop()
        #expect(drawn.text == "\rfirst\u{1B}[K\nsecond\u{1B}[J" + "\u{1B}[1A\r\u{1B}[J")
    }
}

/// What a progress bar wrote, from its timer thread.
private final class DrawnPieces: @unchecked Sendable {
    // Sendable: `pieces` is guarded by `lock`.
    private let lock = NSLock()
    private var pieces: [String] = []

    func append(_ text: String) { lock.withLock { pieces.append(text) } }
    var text: String { lock.withLock { pieces.joined() } }
}
