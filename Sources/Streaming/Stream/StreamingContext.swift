import Dataflow
import SluiceCore

/// Where streaming pipelines start: it knows the topic log and the configuration, and makes
/// source streams from topics and table change feeds.
///
/// Immutable and `Sendable`; one context may make many streams.
public final class StreamingContext: Sendable {
    public let log: any TopicLog
    public let configuration: StreamingConfiguration

    public init(log: any TopicLog, configuration: StreamingConfiguration) {
        self.log = log
        self.configuration = configuration
    }

    /// A topic's records as a stream, one task per partition.
    /// - Parameter startingAt: where the first run starts; a run that resumes from a checkpoint
    ///   continues where the last one stopped.
    public func stream(topic: String, startingAt: StartingPosition = .earliest) -> Stream<TopicMessage> {
        let source = TopicStreamSource(log: log, topic: topic, startingAt: startingAt)
        let plan = StreamPlan(source: source, operatorNames: [], watermarkDelayMillis: nil, tableLookups: [])
        return Stream(context: self, plan: plan) { task, emit in try source.push(task, emit) }
    }

    /// A warehouse table's row changes from `fromVersion` on, for change data capture: one row
    /// per inserted or deleted row, with `_change_type` ("insert" or "delete"),
    /// `_commit_version` and `_commit_timestamp` (the event time). The table is read through
    /// the configuration's file systems.
    public func changes(table location: String, fromVersion: Int64 = 0) -> Stream<Row> {
        let source = ChangeFeedStreamSource(location: location, fileSystems: configuration.fileSystems, fromVersion: fromVersion)
        let plan = StreamPlan(source: source, operatorNames: [], watermarkDelayMillis: nil, tableLookups: [])
        return Stream(context: self, plan: plan) { task, emit in try source.push(task, emit) }
    }
}
