#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import SluiceCore
import Streaming

/// `sluice topic produce NAME [--key FIELD] [--timestamp FIELD] [--file F] < events.jsonl`.
struct TopicProduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "produce",
        abstract: "Append JSON lines (standard input or --file) to a topic, one record per line.",
        discussion: """
            Each line's compact JSON is a record's value. With --key FIELD, records with the same \
            value of FIELD go to the same partition; with --timestamp FIELD, that field (milliseconds \
            since the epoch) is the event time, else the time of sending. Records go in batches; at a \
            malformed line the command stops: the records before it are sent, none after it.
            """
    )

    @Argument(help: "The topic.")
    var name: String

    @Option(help: "The field whose value is the record's key.")
    var key: String?

    @Option(help: "The field holding the event time in milliseconds since the epoch.")
    var timestamp: String?

    @Option(help: "Read this file instead of standard input.")
    var file: String?

    @Option(help: "Records per request.")
    var batchSize: Int = 4096

    @Flag(help: "Send lines that are not JSON objects as they are (unkeyed) instead of stopping at the first.")
    var sendMalformed = false

    @OptionGroup var log: TopicLogOptions

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() throws {
        let topicLog = try log.open()
        var producer = TopicLineProducer(log: topicLog, topic: name, keyField: key, timestampField: timestamp)
        producer.batchRecordCountMax = batchSize
        producer.sendsMalformedLines = sendMalformed
        let descriptor: Int32
        if let file {
            descriptor = open(file, O_RDONLY)
            guard descriptor >= 0 else { throw SluiceError.userInput("cannot open \(file): \(String(cString: strerror(errno)))") }
        } else {
            descriptor = STDIN_FILENO
        }
        defer { if file != nil { close(descriptor) } }
        var input = DescriptorLineSource(descriptor: descriptor, name: file ?? "standard input")
        do {
            let summary = try producer.run(&input, inputName: file ?? "standard input")
            writeStandardError("\(Self.describe(summary, topic: name))\n")
        } catch {
            writeStandardError("\(Self.describe(error.sent, topic: name)) before the failure\n")
            throw error.error
        }
    }

    /// "N records to TOPIC (P partitions)".
    static func describe(_ summary: TopicLineProducer.Summary, topic: String) -> String {
        let records = summary.recordCount == 1 ? "1 record" : "\(summary.recordCount) records"
        let partitions = summary.partitions.count == 1 ? "1 partition" : "\(summary.partitions.count) partitions"
        let malformed = summary.malformedLineCount == 0 ? "" : ", \(summary.malformedLineCount) not JSON sent as they are"
        return "\(records) to \(topic) (\(partitions)\(malformed))"
    }
}
