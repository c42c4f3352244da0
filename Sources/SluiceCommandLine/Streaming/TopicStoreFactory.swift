import SluiceCore
import Streaming

/// Opens the embedded topic store in `directory` (created when missing), with closed segments
/// moved to `tier` by its upkeep when one is given.
func makeTopicStore(directory: String, tier: LogTier? = nil) throws -> any TopicLog {
    try TopicStore(directory: directory, configuration: TopicStoreConfiguration(tier: tier))
}

/// The periodic upkeep of a store `makeTopicStore` opened — retention, then tiering of closed
/// segments when the store has a tier — nil when the store has none.
func topicStoreMaintenance(_ log: any TopicLog) -> (@Sendable () throws -> Void)? {
    guard let store = log as? TopicStore else { return nil }
    let tiers = store.configuration.tier != nil
    return {
        _ = try store.applyRetention()
        if tiers { _ = try store.tierClosedSegments() }
    }
}
