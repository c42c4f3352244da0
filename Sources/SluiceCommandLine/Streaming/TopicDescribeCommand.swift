import ArgumentParser
import Streaming

/// `sluice topic describe NAME`: the configuration and a table of the partitions.
struct TopicDescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "Show a topic's configuration and each partition's offsets, size and segments.")

    @Argument(help: "The topic's name.")
    var name: String

    @OptionGroup var log: TopicLogOptions

    func run() throws {
        let output = StandardOutput()
        output.write(Self.render(try log.open().describeTopic(name)))
        output.flush()
    }

    /// The text `describe` prints.
    static func render(_ description: TopicDescription) -> String {
        let configuration = description.configuration
        var text = "topic:      \(description.name)\n"
        text += "partitions: \(description.partitions.count)\n"
        text += "retention:  \(configuration.retentionMillis.map(RetentionDuration.format) ?? "forever")"
        if let bytes = configuration.retentionBytesPerPartitionMax { text += ", at most \(bytes) bytes per partition" }
        text += "\nsegments:   up to \(configuration.segmentBytesMax) bytes\n\n"
        let header = ["partition", "start", "end", "records", "size_bytes", "segments"]
        let rows = description.partitions.map { partition in
            [String(partition.partition), String(partition.startOffset), String(partition.endOffset),
             String(partition.endOffset - partition.startOffset), String(partition.sizeBytes),
             partition.tieredSegmentCount > 0 ? "\(partition.segmentCount) (\(partition.tieredSegmentCount) tiered)" : String(partition.segmentCount)]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            let cells = row.enumerated().map { column, cell in
                String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            text += cells.joined(separator: "  ") + "\n"
        }
        return text
    }
}
