import SluiceCore

/// Runs a windowed aggregation for one query: tasks pre-aggregate their records into
/// (key, window) → accumulator, the driver merges the partials in task order into the keyed
/// state, and windows the watermark passed (plus allowed lateness) retire to the sink.
///
/// Lateness: a record is late when every window it belongs to had already retired under the
/// watermark in force for the batch (computed at the end of the previous batch, so a replayed
/// batch judges the same). For session windows this is decided when the batch's sessions are
/// merged with the open ones: a merged session that holds no open session and would already be
/// retired is late as a whole.
///
/// Threading: `runTask` runs concurrently for different tasks; the rest on the driver's thread.
final class WindowProcessor<Key: ShuffleKey, Value, Acc: ShuffleCodable & Sendable, Out>: StreamProcessor {
    let stage: WindowStage<Key, Value, Acc, Out>
    let sink: any WindowResultSink<Key, Out>
    let fingerprint: PipelineFingerprint
    var plan: StreamPlan { stage.pairs.plan }
    var lateRecordsTopic: String? { stage.lateTopic }

    private var slots: [WindowSlot<Key>: Acc] = [:]
    private var sessions: [Key: [SessionEntry<Acc>]] = [:]

    func prepareSink() throws { try sink.prepare() }

    init(stage: WindowStage<Key, Value, Acc, Out>, sink: any WindowResultSink<Key, Out>, sinkDescription: String) {
        self.stage = stage
        self.sink = sink
        let plan = stage.pairs.plan.adding("window").adding(stage.operatorName)
        fingerprint = PipelineFingerprint(sources: [plan.source.sourceDescription], operators: plan.operatorNames,
                                          keyType: String(reflecting: Key.self), accumulatorType: String(reflecting: Acc.self),
                                          window: stage.spec.description, allowedLatenessMillis: stage.allowedLatenessMillis,
                                          sink: sinkDescription)
    }

    // MARK: Tasks

    func runTask(_ task: StreamTask) throws {
        let partial = WindowPartial<Key, Acc>()
        try stage.taskKernel(task, partial)
        task.partial = partial
    }

    // MARK: Merge and retire

    func merge(_ tasks: [StreamTask], watermarkInForceMillis: Int64) throws -> (lateCount: Int64, lateRecords: [LogRecord]) {
        let partials = tasks.map { $0.partial as! WindowPartial<Key, Acc> }
        if case .session = stage.spec { return mergeSessions(partials, watermarkInForceMillis: watermarkInForceMillis) }
        for partial in partials {
            // Taken out of the partial so that a state that adopts it whole is not copied on the next merge.
            let partialSlots = partial.slots
            partial.slots = [:]
            stage.slotOperations.mergePartial(&slots, partialSlots)
        }
        return (0, [])
    }

    /// Merges each key's sessions from the state (first) and every task (in task order) as
    /// connected intervals; a merged session holding no open session that the watermark in
    /// force already retired is late.
    private func mergeSessions(_ partials: [WindowPartial<Key, Acc>], watermarkInForceMillis watermark: Int64)
        -> (lateCount: Int64, lateRecords: [LogRecord]) {
        let lateness = stage.allowedLatenessMillis
        let merge = stage.merge
        var lateCount: Int64 = 0
        var lateRecords: [LogRecord] = []
        var keys: [Key] = []
        var seen = Set<Key>()
        for partial in partials {
            for key in partial.sessions.keys where seen.insert(key).inserted { keys.append(key) }
        }
        for key in keys {
            var candidates: [(entry: SessionEntry<Acc>, origin: Int, position: Int)] = []
            for entry in sessions[key] ?? [] { candidates.append((entry, 0, candidates.count)) }
            for (taskIndex, partial) in partials.enumerated() {
                for entry in partial.sessions[key] ?? [] { candidates.append((entry, taskIndex + 1, candidates.count)) }
            }
            candidates.sort { ($0.entry.startMillis, $0.origin, $0.position) < ($1.entry.startMillis, $1.origin, $1.position) }
            var merged: [SessionEntry<Acc>] = []
            var current: SessionEntry<Acc>?
            var currentHoldsOpen = false
            func flush() {
                guard var session = current else { return }
                if !currentHoldsOpen && session.endMillis &+ lateness <= watermark {
                    lateCount += session.recordCount
                    lateRecords += session.sourceRecords
                } else {
                    session.sourceRecords = []
                    merged.append(session)
                }
            }
            for candidate in candidates {
                if var open = current, candidate.entry.startMillis < open.endMillis {
                    open.absorb(candidate.entry, merge: merge)
                    current = open
                    currentHoldsOpen = currentHoldsOpen || candidate.origin == 0
                } else {
                    flush()
                    current = candidate.entry
                    currentHoldsOpen = candidate.origin == 0
                }
            }
            flush()
            sessions[key] = merged.isEmpty ? nil : merged
        }
        return (lateCount, lateRecords)
    }

    func commit(batchId: Int64, watermarkMillis: Int64) throws -> SinkOutcome {
        let lateness = stage.allowedLatenessMillis
        let finish = stage.finish
        var (open, retired) = stage.slotOperations.retire(&slots, watermarkMillis)
        for (key, list) in sessions {
            var kept: [SessionEntry<Acc>] = []
            for session in list {
                let result = WindowResult(key: key, windowStartMillis: session.startMillis, windowEndMillis: session.endMillis,
                                          value: finish(session.acc))
                if session.endMillis &+ lateness <= watermarkMillis {
                    retired.append(result)
                } else {
                    open.append(result)
                    kept.append(session)
                }
            }
            if kept.count != list.count { sessions[key] = kept.isEmpty ? nil : kept }
        }
        var outcome = try sink.commit(batchId: batchId, open: WindowProcessor.sorted(open), retired: WindowProcessor.sorted(retired))
        outcome.windowsRetired = retired.count
        return outcome
    }

    /// Results by window start, end, then key order: the same rows in the same order on a replay.
    static func sorted(_ results: [WindowResult<Key, Out>]) -> [WindowResult<Key, Out>] {
        var order = WindowOrder(capacity: results.count)
        for result in results { order.append(key: result.key, startMillis: result.windowStartMillis, endMillis: result.windowEndMillis) }
        return order.sortedPositions().map { results[$0] }
    }

    // MARK: State

    /// Writes the state in window then key order, so that the same state always makes the same
    /// bytes (a replayed batch's checkpoint equals the fault-free one).
    func encodeState(into writer: inout RecordWriter) {
        let entries = Array(slots)
        var order = WindowOrder(capacity: entries.count)
        for (slot, _) in entries { order.append(key: slot.key, startMillis: slot.startMillis, endMillis: slot.endMillis) }
        writer.writeVarUInt(UInt64(entries.count))
        for position in order.sortedPositions() {
            let (slot, acc) = entries[position]
            slot.key.encode(into: &writer)
            writer.writeLittleEndian(slot.startMillis)
            writer.writeLittleEndian(slot.endMillis)
            acc.encode(into: &writer)
        }
        var sortKeys = RecordWriter(capacityBytes: 64)
        func sortBytes(_ key: Key) -> [UInt8] {
            sortKeys.removeAll()
            key.encodeSortKey(into: &sortKeys)
            return sortKeys.withUnsafeBytes { Array($0) }
        }
        let orderedSessions = sessions.map { (sortBytes($0.key), $0.key, $0.value) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        writer.writeVarUInt(UInt64(orderedSessions.count))
        for (_, key, list) in orderedSessions {
            key.encode(into: &writer)
            writer.writeVarUInt(UInt64(list.count))
            for session in list {
                writer.writeLittleEndian(session.startMillis)
                writer.writeLittleEndian(session.endMillis)
                session.acc.encode(into: &writer)
                writer.writeLittleEndian(session.recordCount)
            }
        }
    }

    func decodeState(from reader: inout RecordReader) throws(SluiceError) {
        resetState()
        let slotCount = try reader.readElementCount()
        slots.reserveCapacity(slotCount)
        for _ in 0..<slotCount {
            let key = try Key.decode(from: &reader)
            let start: Int64 = try reader.readLittleEndian()
            let end: Int64 = try reader.readLittleEndian()
            slots[WindowSlot(key: key, startMillis: start, endMillis: end)] = try Acc.decode(from: &reader)
        }
        let keyCount = try reader.readElementCount()
        for _ in 0..<keyCount {
            let key = try Key.decode(from: &reader)
            let count = try reader.readElementCount()
            var list: [SessionEntry<Acc>] = []
            for _ in 0..<count {
                let start: Int64 = try reader.readLittleEndian()
                let end: Int64 = try reader.readLittleEndian()
                let acc = try Acc.decode(from: &reader)
                let records: Int64 = try reader.readLittleEndian()
                list.append(SessionEntry(startMillis: start, endMillis: end, acc: acc, recordCount: records, sourceRecords: []))
            }
            sessions[key] = list
        }
    }

    func resetState() {
        slots = [:]
        sessions = [:]
    }
}
