import SluiceCore

/// The stage behind a windowed aggregation's result stream, as seen by code that does not know
/// its key and value types.
protocol WindowStageMarker: AnyObject, Sendable {
    /// A processor producing retired windows to a topic; `record` must take this stage's
    /// `WindowResult`s.
    func makeTopicProcessor<Element>(log: any TopicLog, topic: String, record: @escaping @Sendable (Element) throws -> LogRecord) throws
        -> any StreamProcessor
}

/// A windowed aggregation whose results are `WindowResult<Key, Out>`; the typed face sinks see.
/// Subclassed by `WindowStage`, which also knows the element and accumulator types.
class WindowStageBase<Key: ShuffleKey, Out>: WindowStageMarker, @unchecked Sendable {
    // Sendable: immutable.
    /// A processor holding this aggregation's state for one query.
    func makeProcessor(sink: any WindowResultSink<Key, Out>, sinkDescription: String) -> any StreamProcessor {
        fatalError("WindowStageBase is abstract")
    }

    /// - Throws: a user error for a window spec that cannot work (a size or gap of zero).
    func validate() throws {}

    func makeTopicProcessor<Element>(log: any TopicLog, topic: String, record: @escaping @Sendable (Element) throws -> LogRecord) throws
        -> any StreamProcessor {
        guard let typed = record as? @Sendable (WindowResult<Key, Out>) throws -> LogRecord else {
            throw SluiceError.internal("a window stage of \(WindowResult<Key, Out>.self) was given records of \(Element.self)")
        }
        try validate()
        let sink = WindowTopicSink(elements: TopicSink(log: log, topic: topic, record: typed))
        return makeProcessor(sink: sink, sinkDescription: sink.sinkDescription)
    }
}

/// The description of a windowed aggregation: the keyed input, the window spec, and the
/// accumulator's closures. Immutable; each query gets its own `WindowProcessor` with the state.
final class WindowStage<Key: ShuffleKey, Value, Acc: ShuffleCodable & Sendable, Out>: WindowStageBase<Key, Out>, @unchecked Sendable {
    // Sendable: immutable; every stored closure is @Sendable.
    let pairs: Stream<(Key, Value)>
    let spec: WindowSpec
    let allowedLatenessMillis: Int64
    let lateTopic: String?
    let operatorName: String
    let initial: Acc
    let merge: @Sendable (Acc, Acc) -> Acc
    let finish: @Sendable (Acc) -> Out
    /// Pushes one task's records into a partial; specialized where the pipeline was built.
    let taskKernel: WindowTaskKernelFunction<Key, Acc>
    /// Merges partials into and retires windows from the state; specialized like `taskKernel`.
    let slotOperations: WindowSlotOperations<Key, Acc, Out>

    init(pairs: Stream<(Key, Value)>, spec: WindowSpec, allowedLatenessMillis: Int64, lateTopic: String?, operatorName: String,
         initial: Acc, merge: @escaping @Sendable (Acc, Acc) -> Acc, finish: @escaping @Sendable (Acc) -> Out,
         taskKernel: @escaping WindowTaskKernelFunction<Key, Acc>, slotOperations: WindowSlotOperations<Key, Acc, Out>) {
        self.pairs = pairs
        self.spec = spec
        self.allowedLatenessMillis = allowedLatenessMillis
        self.lateTopic = lateTopic
        self.operatorName = operatorName
        self.initial = initial
        self.merge = merge
        self.finish = finish
        self.taskKernel = taskKernel
        self.slotOperations = slotOperations
    }

    override func validate() throws {
        _ = try spec.validated()
    }

    override func makeProcessor(sink: any WindowResultSink<Key, Out>, sinkDescription: String) -> any StreamProcessor {
        WindowProcessor(stage: self, sink: sink, sinkDescription: sinkDescription)
    }
}
