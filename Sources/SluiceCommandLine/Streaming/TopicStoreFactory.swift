import SluiceCore
import Streaming

/// Opens the embedded topic store in `directory` (created when missing).
func makeTopicStore(directory: String) throws -> any TopicLog {
    // Placeholder until the embedded store is part of the build; the one line below becomes
    // `try TopicStore(directory: directory)`.
    throw SluiceError.internal("topic store not built yet (cannot open the topics in \(directory))")
}

/// The periodic upkeep (retention) of a store `makeTopicStore` opened, nil when the store has none.
func topicStoreMaintenance(_ log: any TopicLog) -> (@Sendable () throws -> Void)? {
    // Becomes `(log as? TopicStore).map { store in { try store.applyRetention() } }` with the store.
    nil
}
