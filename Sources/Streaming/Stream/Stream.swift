import SluiceCore

/// Pushes one task's records, each with its event time in milliseconds, into `emit`.
@usableFromInline
typealias StreamComputer<Element> = @Sendable (_ task: StreamTask, _ emit: (Element, Int64) throws -> Void) throws -> Void

/// An unbounded sequence of `Element`s read from a topic or a table's change feed, processed in
/// micro-batches. Operators (`map`, `filter`, `keyBy`, `window`, `join`) make new streams;
/// a sink (`toTable`, `toTopic`) makes a `StreamQuery` that runs the pipeline.
///
/// Every element carries an event time, at first its record's timestamp (`withEventTime`
/// changes it). Within a batch, records are pushed one at a time through the closures of one
/// task per source partition, as `Dataset` does within a stage.
///
/// Closures run on task threads and must not share mutable state (`@Sendable`). A closure that
/// throws sends the record being processed to the pipeline's dead-letter topic and the pipeline
/// goes on. The stream itself is immutable and `Sendable`.
public final class Stream<Element>: Sendable {
    public let context: StreamingContext
    let plan: StreamPlan
    @usableFromInline let computer: StreamComputer<Element>
    /// Set on the result of a windowed aggregation: the stage its sinks drive.
    let windowStage: (any WindowStageMarker)?

    init(context: StreamingContext, plan: StreamPlan, windowStage: (any WindowStageMarker)? = nil,
         computer: @escaping StreamComputer<Element>) {
        self.context = context
        self.plan = plan
        self.windowStage = windowStage
        self.computer = computer
    }

    /// The operators applied so far, in order, after the source.
    public var operatorNames: [String] { plan.operatorNames }

    @inlinable
    func compute(_ task: StreamTask, _ emit: (Element, Int64) throws -> Void) throws {
        try computer(task, emit)
    }

    /// A stream made from this one record by record with `computer`.
    @usableFromInline
    func derived<Output>(_ operatorName: String, computer: @escaping StreamComputer<Output>) -> Stream<Output> {
        derived(operatorName, plan: plan, computer: computer)
    }

    /// A stream made from this one with another plan (a watermark, a table lookup).
    func derived<Output>(_ operatorName: String, plan: StreamPlan, computer: @escaping StreamComputer<Output>) -> Stream<Output> {
        precondition(windowStage == nil, "a windowed aggregation's results go to a sink; apply '\(operatorName)' before `window`")
        return Stream<Output>(context: context, plan: plan.adding(operatorName), computer: computer)
    }
}
