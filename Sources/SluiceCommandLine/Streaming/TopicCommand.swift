import ArgumentParser

/// `sluice topic ...`: create, inspect, write and read topics of the stream log.
struct TopicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic",
        abstract: "Create, list, describe and delete topics; produce JSON lines to a topic and consume it.",
        discussion: """
            Commands talk to the broker given by --broker HOST:PORT, else to the embedded store in \
            $SLUICE_HOME/broker (else ~/.sluice/broker). Status lines go to standard error; \
            standard output carries only data.
            """,
        subcommands: [
            TopicCreateCommand.self, TopicListCommand.self, TopicDescribeCommand.self, TopicProduceCommand.self,
            TopicConsumeCommand.self, TopicDeleteCommand.self,
        ]
    )
}
