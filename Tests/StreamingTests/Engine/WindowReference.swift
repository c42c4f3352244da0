@testable import Streaming

/// A plain, slow model of windowed counting with watermarks, batch by batch, to hold the
/// engine against: lists and loops, no dictionaries of partials, no checkpoints.
struct WindowReference {
    var spec: WindowSpec
    var delayMillis: Int64
    var latenessMillis: Int64

    /// Counts per window (retired and still open) and the number of late records, for events
    /// read in batches of `cap` records per partition.
    func run(_ events: [[GeneratedEvent]], cap: Int) -> (counts: [WindowKey: Int64], late: Int64) {
        var open: [WindowKey: Int64] = [:]
        var final: [WindowKey: Int64] = [:]
        var late: Int64 = 0
        var watermark = Int64.min
        var maxEventTime: [Int64?] = Array(repeating: nil, count: events.count)
        var batch = 0
        while events.contains(where: { $0.count > batch * cap }) {
            let slice = events.map { Array($0.dropFirst(batch * cap).prefix(cap)) }
            let records = slice.flatMap { $0 }
            switch spec {
            case .tumbling(let size):
                for record in records {
                    let start = floorMultiple(record.eventTimeMillis, size)
                    if start + size + latenessMillis <= watermark { late += 1; continue }
                    open[WindowKey(key: record.key, startMillis: start, endMillis: start + size), default: 0] += 1
                }
            case .sliding(let size, let slide):
                for record in records {
                    let starts = stride(from: floorMultiple(record.eventTimeMillis, slide), through: record.eventTimeMillis - size + 1, by: -Int(slide))
                    let live = starts.filter { $0 + size + latenessMillis > watermark }
                    if live.isEmpty { late += 1; continue }
                    for start in live { open[WindowKey(key: record.key, startMillis: start, endMillis: start + size), default: 0] += 1 }
                }
            case .session(let gap):
                late += mergeSessions(records, gap: gap, watermark: watermark, open: &open)
            }
            for (partition, list) in slice.enumerated() {
                for record in list { maxEventTime[partition] = max(maxEventTime[partition] ?? .min, record.eventTimeMillis) }
            }
            let seen = maxEventTime.compactMap { $0 }
            if let smallest = seen.min() { watermark = max(watermark, smallest - delayMillis) }
            for (window, count) in open where window.endMillis + latenessMillis <= watermark {
                final[window] = count
                open[window] = nil
            }
            batch += 1
        }
        return (final.merging(open) { $1 }, late)
    }

    /// Session windows as connected intervals of the open sessions and the batch's records;
    /// returns the records of intervals that hold no open session and are already retired.
    private func mergeSessions(_ records: [GeneratedEvent], gap: Int64, watermark: Int64, open: inout [WindowKey: Int64]) -> Int64 {
        var late: Int64 = 0
        for key in Set(records.map(\.key)) {
            var intervals: [(start: Int64, end: Int64, count: Int64, isOpen: Bool)] = []
            for (window, count) in open where window.key == key {
                intervals.append((window.startMillis, window.endMillis, count, true))
                open[window] = nil
            }
            for record in records where record.key == key {
                intervals.append((record.eventTimeMillis, record.eventTimeMillis + gap, 1, false))
            }
            intervals.sort { $0.start < $1.start }
            var merged: [(start: Int64, end: Int64, count: Int64, isOpen: Bool)] = []
            for interval in intervals {
                if let last = merged.last, interval.start < last.end {
                    merged[merged.count - 1] = (last.start, max(last.end, interval.end), last.count + interval.count, last.isOpen || interval.isOpen)
                } else {
                    merged.append(interval)
                }
            }
            for session in merged {
                if !session.isOpen && session.end + latenessMillis <= watermark {
                    late += session.count
                } else {
                    open[WindowKey(key: key, startMillis: session.start, endMillis: session.end)] = session.count
                }
            }
        }
        return late
    }

    private func floorMultiple(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? value - remainder - divisor : value - remainder
    }
}
