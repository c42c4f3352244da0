/// Produces the windows each batch retires (final results only) to a topic, at least once.
///
/// Not thread-safe: the query's driver thread owns it.
final class WindowTopicSink<Key, Value>: WindowResultSink {
    let elements: TopicSink<WindowResult<Key, Value>>
    var sinkDescription: String { elements.sinkDescription }

    init(elements: TopicSink<WindowResult<Key, Value>>) {
        self.elements = elements
    }

    func commit(batchId: Int64, open: [WindowResult<Key, Value>], retired: [WindowResult<Key, Value>]) throws -> SinkOutcome {
        try elements.commit(batchId: batchId, elements: retired)
    }
}
