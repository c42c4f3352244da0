import Dataflow
import SluiceCore

/// Sinks: each makes a `StreamQuery` that runs the pipeline into a table or a topic.
///
/// `queryName` tells several queries of one pipeline apart: each gets the checkpoint folder
/// `<checkpoint>/<queryName>` and the table transaction id `<pipeline>.<queryName>`; without it
/// the query uses the checkpoint folder itself and the pipeline's name.
extension Stream {
    /// Appends each batch's elements to the table at `location` (created with the encoding's
    /// schema when absent) exactly once: one commit per batch, carrying the `txn`.
    public func toTable(_ location: String, encoding: TableRowEncoding<Element>, queryName: String? = nil) throws -> StreamQuery {
        try requireNoWindow("toTable(_:encoding:) with a TableRowEncoding")
        let configuration = queryConfiguration(queryName)
        let sink = AppendTableSink(location: location, encoding: encoding, appId: configuration.pipelineName,
                                   fileSystems: configuration.fileSystems, clock: configuration.clock)
        return try StreamQuery(configuration: configuration, log: context.log, processor: StatelessProcessor(stream: self, sink: sink))
    }

    /// Produces each batch's elements to a topic (created with one partition when absent), at
    /// least once: after a crash, the last batch's records may be produced again. For a windowed
    /// aggregation, the elements are the windows each batch retires (final results).
    public func toTopic(_ name: String, queryName: String? = nil, key: @escaping @Sendable (Element) throws -> [UInt8]? = { _ in nil },
                        value: @escaping @Sendable (Element) throws -> [UInt8]) throws -> StreamQuery {
        let configuration = queryConfiguration(queryName)
        let clock = configuration.clock
        let record: @Sendable (Element) throws -> LogRecord = { element in
            LogRecord(timestampMillis: clock.nowMillis(), key: try key(element), value: try value(element))
        }
        if let windowStage {
            return try StreamQuery(configuration: configuration, log: context.log,
                                   processor: windowStage.makeTopicProcessor(log: context.log, topic: name, record: record))
        }
        let sink = TopicSink<Element>(log: context.log, topic: name, record: record)
        return try StreamQuery(configuration: configuration, log: context.log, processor: StatelessProcessor(stream: self, sink: sink))
    }

    /// Keeps a windowed aggregation's results in the table at `location` (created when absent
    /// with `window_start`, `window_end`, then the encoding's key and value columns) exactly
    /// once; every table version holds each window's latest result exactly once.
    public func toTable<Key: ShuffleKey, Value>(_ location: String, encoding: WindowRowEncoding<Key, Value>, queryName: String? = nil) throws
        -> StreamQuery where Element == WindowResult<Key, Value> {
        let stage = try typedWindowStage(Key.self, Value.self)
        let configuration = queryConfiguration(queryName)
        let sink = WindowTableSink(location: location, encoding: encoding, appId: configuration.pipelineName,
                                   fileSystems: configuration.fileSystems, clock: configuration.clock)
        return try StreamQuery(configuration: configuration, log: context.log,
                               processor: stage.makeProcessor(sink: sink, sinkDescription: sink.sinkDescription))
    }

    /// `toTable(_:encoding:)` for a simple key and value: one column each.
    public func toTable<Key: ShuffleKey & StreamColumnValue, Value: StreamColumnValue>(
        _ location: String, keyColumn: String = "key", valueColumn: String = "value", queryName: String? = nil
    ) throws -> StreamQuery where Element == WindowResult<Key, Value> {
        try toTable(location, encoding: WindowRowEncoding<Key, Value>(keyColumn: keyColumn, valueColumn: valueColumn), queryName: queryName)
    }

    private func queryConfiguration(_ queryName: String?) -> StreamingConfiguration {
        var configuration = context.configuration
        if let queryName {
            configuration.checkpointLocation += "/" + queryName
            configuration.pipelineName += "." + queryName
        }
        return configuration
    }

    private func requireNoWindow(_ sink: String) throws {
        if windowStage != nil {
            throw SluiceError.userInput("\(sink) takes a stream without windows; write a windowed aggregation with a WindowRowEncoding")
        }
    }

    private func typedWindowStage<Key: ShuffleKey, Value>(_ key: Key.Type, _ value: Value.Type) throws -> WindowStageBase<Key, Value> {
        guard let stage = windowStage as? WindowStageBase<Key, Value> else {
            throw SluiceError.userInput("this sink takes the results of a windowed aggregation (`window(...).count()` and the like) directly")
        }
        try stage.validate()
        return stage
    }
}

extension Stream where Element == Row {
    /// Appends the rows to a table of `schema`, matching columns by name.
    public func toTable(_ location: String, schema: Schema, queryName: String? = nil) throws -> StreamQuery {
        try toTable(location, encoding: TableRowEncoding<Row>.rows(schema), queryName: queryName)
    }
}
