import ArgumentParser
import Streaming

/// `sluice topic delete NAME`: removes a topic with its records and consumer group offsets.
struct TopicDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a topic: its records, its partitions' files and the consumer groups' offsets for it.")

    @Argument(help: "The topic's name.")
    var name: String

    @OptionGroup var log: TopicLogOptions

    func run() throws {
        try log.open().deleteTopic(name)
        writeStandardError("deleted topic '\(name)'\n")
    }
}
