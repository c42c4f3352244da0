import SluiceCore
import Streaming

/// Opens the embedded topic store in `directory` (created when missing).
func makeTopicStore(directory: String) throws -> any TopicLog {
    try TopicStore(directory: directory)
}

/// The periodic upkeep (retention) of a store `makeTopicStore` opened, nil when the store has none.
func topicStoreMaintenance(_ log: any TopicLog) -> (@Sendable () throws -> Void)? {
    guard let store = log as? TopicStore else { return nil }
    return { _ = try store.applyRetention() }
}
