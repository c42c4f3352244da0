import ArgumentParser
import Streaming

/// `sluice topic create NAME --partitions N [--retention DURATION]`.
struct TopicCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a topic.")

    @Argument(help: "The topic's name.")
    var name: String

    @Option(help: "How many partitions (records with the same key go to the same one).")
    var partitions: Int = 1

    @Option(help: "Delete records older than this (500ms, 30s, 15m, 12h, 7d, 2w); default keep them.")
    var retention: String?

    @Option(help: "Keep each partition under this many bytes by deleting its oldest segments; default any size.")
    var retentionBytes: Int?

    @OptionGroup var log: TopicLogOptions

    func validate() throws {
        guard partitions >= 1 else { throw ValidationError("--partitions must be at least 1") }
        if let retention { _ = try RetentionDuration.parseMillis(retention) }
        if let retentionBytes, retentionBytes <= 0 { throw ValidationError("--retention-bytes must be positive") }
    }

    var topicConfiguration: TopicConfiguration {
        get throws {
            TopicConfiguration(
                partitionCount: partitions, retentionMillis: try retention.map(RetentionDuration.parseMillis),
                retentionBytesPerPartitionMax: retentionBytes)
        }
    }

    func run() throws {
        let description = try log.open().createTopic(name, configuration: try topicConfiguration)
        writeStandardError("created topic '\(description.name)' with \(description.partitions.count) partitions\n")
    }
}
