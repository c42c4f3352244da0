import SluiceCore

/// Runs a stream without windows for one query: tasks collect their elements, which go to the
/// sink in task (source partition) order. No state besides offsets.
final class StatelessProcessor<Element>: StreamProcessor {
    let stream: Stream<Element>
    let sink: any ElementSink<Element>
    let fingerprint: PipelineFingerprint
    var plan: StreamPlan { stream.plan }
    var lateRecordsTopic: String? { nil }
    private var elements: [Element] = []

    final class Collected {
        var elements: [Element] = []
    }

    func prepareSink() throws { try sink.prepare() }

    init(stream: Stream<Element>, sink: any ElementSink<Element>) {
        self.stream = stream
        self.sink = sink
        fingerprint = PipelineFingerprint(sources: [stream.plan.source.sourceDescription], operators: stream.plan.operatorNames,
                                          sink: sink.sinkDescription)
    }

    func runTask(_ task: StreamTask) throws {
        let collected = Collected()
        try stream.compute(task) { element, eventTime in
            if eventTime > task.maxEventTimeMillis { task.maxEventTimeMillis = eventTime }
            collected.elements.append(element)
        }
        task.partial = collected
    }

    func merge(_ tasks: [StreamTask], watermarkInForceMillis: Int64) throws -> (lateCount: Int64, lateRecords: [LogRecord]) {
        elements = []
        for task in tasks { elements += (task.partial as! Collected).elements }
        return (0, [])
    }

    func commit(batchId: Int64, watermarkMillis: Int64) throws -> SinkOutcome {
        defer { elements = [] }
        return try sink.commit(batchId: batchId, elements: elements)
    }

    func encodeState(into writer: inout RecordWriter) {}

    func decodeState(from reader: inout RecordReader) throws(SluiceError) {}

    func resetState() { elements = [] }
}
