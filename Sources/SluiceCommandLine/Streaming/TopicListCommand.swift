import ArgumentParser
import Streaming

/// `sluice topic list`: the topic names, one per line.
struct TopicListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the topics, one name per line.")

    @OptionGroup var log: TopicLogOptions

    func run() throws {
        let output = StandardOutput()
        for name in try log.open().topicNames() { output.write(name + "\n") }
        output.flush()
    }
}
