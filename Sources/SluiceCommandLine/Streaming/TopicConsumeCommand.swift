import ArgumentParser
import SluiceCore
import Streaming

/// `sluice topic consume NAME [--from-beginning] [--group G] [--max N] [--partition P]
/// [--from-timestamp MS] [--follow]`: prints each record's value, one per line.
struct TopicConsumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consume",
        abstract: "Print a topic's record values, one per line.",
        discussion: """
            Starts where --group left off, else at the start with --from-beginning, else at the end \
            (only records produced from now on), or at the first record at or after \
            --from-timestamp. With --group the offsets read are committed after printing. Stops \
            after --max records or once caught up, unless --follow.
            """
    )

    @Argument(help: "The topic.")
    var name: String

    @Flag(help: "Start at the oldest record when the group has no committed offsets.")
    var fromBeginning = false

    @Option(help: "The consumer group whose offsets to resume from and commit.")
    var group: String?

    @Option(help: "Stop after this many records.")
    var max: Int?

    @Option(help: "Read only this partition.")
    var partition: Int?

    @Option(help: "Start at the first record at or after this time (milliseconds since the epoch).")
    var fromTimestamp: Int64?

    @Flag(help: "Keep waiting for new records instead of stopping once caught up.")
    var follow = false

    @OptionGroup var log: TopicLogOptions

    func validate() throws {
        if let max, max < 0 { throw ValidationError("--max must not be negative") }
        if let partition, partition < 0 { throw ValidationError("--partition must not be negative") }
        if group?.isEmpty == true { throw ValidationError("--group must not be empty") }
    }

    func makeConsumer(log topicLog: any TopicLog) -> TopicConsoleConsumer {
        var consumer = TopicConsoleConsumer(log: topicLog, topic: name)
        consumer.group = group
        consumer.partition = partition
        consumer.fromBeginning = fromBeginning
        consumer.fromTimestampMillis = fromTimestamp
        consumer.recordCountMax = max
        consumer.follow = follow
        return consumer
    }

    func run() throws {
        let output = StandardOutput()
        _ = try makeConsumer(log: try log.open()).run(
            emit: { record in output.write(String(decoding: record.value, as: UTF8.self) + "\n") },
            flush: { output.flush() })
        output.flush()
    }
}
