import SluiceCore

/// Topics a pipeline writes to (dead letters, late records, topic sinks) are created with one
/// partition when missing.
enum StreamTopics {
    static func ensure(_ topic: String, in log: any TopicLog) throws {
        do {
            _ = try log.describeTopic(topic)
        } catch let error as SluiceError where error.condition == .notFound {
            do {
                try log.createTopic(topic, configuration: TopicConfiguration(partitionCount: 1))
            } catch {
                // Another writer may have created it meanwhile.
                guard (try? log.describeTopic(topic)) != nil else { throw error }
            }
        }
    }
}
