import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// The probe-side bookkeeping a join stream shares between the threads calling `next()`:
/// output batches waiting for a caller, left-input work waiting for a thread, which right rows
/// have matched (right, full, right semi and right anti joins), and the hand-off that lets
/// exactly one caller emit the right rows that end the join (unmatched, or for a right semi join
/// matched) once the left input is exhausted and every thread has finished probing.
///
/// Threading: every method takes the lock; the probing itself happens outside it.
final class JoinProbeCoordinator: @unchecked Sendable {
    /// What a caller of `next()` should do.
    enum Work {
        /// Return this batch.
        case output(RecordBatch)
        /// Probe this left batch (a piece another thread split off), then call `finishProbe`.
        case probe(RecordBatch)
        /// Pull the left input; then call `finishProbe` (with a batch) or `leftExhausted`.
        case pullLeft
        /// Nothing to do now, but another thread is still probing and may queue output: try
        /// again shortly. Returning nil now would tell the caller the join is over while it is not.
        case wait
        /// Return nil: the join is over.
        case finished
    }

    private let lock = Mutex()
    private var outputs: [RecordBatch] = []
    private var outputsHead = 0
    private var pieces: [RecordBatch] = []
    private var activeProbeCount = 0
    private var isLeftExhausted = false
    private var isFailed = false
    private var isClosingClaimed = false
    /// The closing caller has queued the unmatched right rows; until then other callers wait,
    /// so none reports the join over before those rows are queued.
    private var isClosingQueued = false
    /// Which right rows matched some left row; empty unless the join emits unmatched right rows.
    private var buildMatched: [Bool] = []
    private let tracksBuildMatches: Bool

    /// - Parameters:
    ///   - tracksBuildMatches: the join emits right rows at the end (right, full, right semi,
    ///     right anti).
    init(tracksBuildMatches: Bool) {
        self.tracksBuildMatches = tracksBuildMatches
    }

    /// Sizes the matched-row flags once the right side is known.
    func prepare(buildRowCount: Int) {
        lock.withLock {
            if tracksBuildMatches && buildMatched.count != buildRowCount {
                buildMatched = [Bool](repeating: false, count: buildRowCount)
            }
        }
    }

    /// The caller's next step; `.probe` and `.pullLeft` count the caller as probing until it
    /// reports back.
    func takeWork() -> Work {
        lock.withLock {
            if outputsHead < outputs.count {
                let batch = outputs[outputsHead]
                outputsHead += 1
                if outputsHead == outputs.count {
                    outputs.removeAll(keepingCapacity: true)
                    outputsHead = 0
                }
                return .output(batch)
            }
            if let piece = pieces.popLast() {
                activeProbeCount += 1
                return .probe(piece)
            }
            if isLeftExhausted {
                let isClosing = isClosingClaimed && !isClosingQueued
                return (activeProbeCount > 0 || isClosing) && !isFailed ? .wait : .finished
            }
            activeProbeCount += 1
            return .pullLeft
        }
    }

    /// Reports a finished probe: its output batches (empty ones are dropped), left pieces for
    /// other threads, and the right rows it matched.
    /// - Returns: true when this caller must now emit the unmatched right rows (with
    ///   `enqueueClosingBuildRows`).
    func finishProbe(outputs produced: [RecordBatch], pieces split: [RecordBatch] = [], matchedBuildRows: [Int32]) -> Bool {
        lock.withLock {
            outputs.append(contentsOf: produced.filter { $0.rowCount > 0 })
            pieces.append(contentsOf: split)
            if tracksBuildMatches {
                for row in matchedBuildRows { buildMatched[Int(row)] = true }
            }
            activeProbeCount -= 1
            return claimClosing()
        }
    }

    /// Reports that the left input returned nil.
    /// - Returns: true when this caller must now emit the unmatched right rows.
    /// A probe failed: the query is over, so waiting callers get nil instead of waiting for
    /// work that will never be reported.
    func abandonProbe() {
        lock.withLock {
            isFailed = true
            isLeftExhausted = true
            activeProbeCount -= 1
        }
    }

    /// One caller's `next()` over this coordinator: hands out queued output, probes pieces
    /// and batches it pulls with `pullLeft`, waits while other threads still probe, and has
    /// the caller that sees the end call `emitUnmatched` once (right and full joins).
    /// - Returns: the next output batch, or nil once the join (or partition) is done.
    func nextOutput(pullLeft: () throws -> RecordBatch?, process: (RecordBatch) throws -> Void,
                    emitUnmatched: () -> Void) throws -> RecordBatch? {
        while true {
            switch takeWork() {
            case .output(let batch):
                return batch
            case .finished:
                return nil
            case .wait:
                usleep(100)
            case .probe(let piece):
                try abandoningOnFailure { try process(piece) }
            case .pullLeft:
                let batch: RecordBatch?
                do {
                    batch = try pullLeft()
                } catch {
                    _ = leftExhausted()
                    throw error
                }
                guard let batch else {
                    if leftExhausted() { emitUnmatched() }
                    continue
                }
                try abandoningOnFailure { try process(batch) }
            }
        }
    }

    /// Runs probe work; when it throws, abandons the probe so other threads stop waiting.
    func abandoningOnFailure(_ work: () throws -> Void) throws {
        do { try work() } catch {
            abandonProbe()
            throw error
        }
    }

    func leftExhausted() -> Bool {
        lock.withLock {
            isLeftExhausted = true
            activeProbeCount -= 1
            return claimClosing()
        }
    }

    /// Queues batches for any caller: the closing output of the caller that claimed it.
    func enqueue(_ batches: [RecordBatch]) {
        lock.withLock {
            outputs.append(contentsOf: batches.filter { $0.rowCount > 0 })
            if isClosingClaimed { isClosingQueued = true }
        }
    }

    /// Queues the right rows that end the join, in batches of `chunkRows` rows: those no left
    /// row matched, or for a right semi join those some left row matched.
    func enqueueClosingBuildRows(build: [Column], output: JoinOutput, chunkRows: Int) {
        let wantsMatched = output.kind == .rightSemi
        let rows = lock.withLock {
            var rows: [Int32] = []
            for (row, isMatched) in buildMatched.enumerated() where isMatched == wantsMatched { rows.append(Int32(row)) }
            return rows
        }
        enqueue(stride(from: 0, to: rows.count, by: chunkRows).map { start in
            output.buildRows(build: build, rows: Array(rows[start..<min(rows.count, start + chunkRows)]))
        })
    }

    private func claimClosing() -> Bool {
        guard tracksBuildMatches, isLeftExhausted, activeProbeCount == 0, pieces.isEmpty, !isClosingClaimed else {
            return false
        }
        isClosingClaimed = true
        return true
    }
}
