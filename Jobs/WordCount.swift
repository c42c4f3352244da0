import Dataflow
import SluiceCore

/// `wordcount`: how often each space-separated word occurs in a text file, saved as part files of
/// `word<TAB>count` lines; the summary names the output folder and the most frequent words.
public enum WordCount {
    /// Words the summary lists, most frequent first.
    static let topWordCount = 10

    public static let definition = JobDefinition(
        name: "wordcount",
        summary: "Count the space-separated words of text files; lines `word<TAB>count`, then the top words.",
        options: [
            JobOption("input", help: "text file or folder to read (path, file:// or dfs://)"),
            JobOption("output", help: "folder to write the part files to"),
            JobOption("partitions", help: "reduce partitions; auto: the context's default parallelism", defaultValue: "auto"),
            JobOption("overwrite", help: "replace the output folder when it exists (true or false)", defaultValue: "false"),
        ],
        run: run
    )

    @Sendable static func run(context: DataflowContext, arguments: JobArguments) async throws -> JobSummary {
        let input = try arguments.string("input")
        let output = try arguments.string("output")
        let partitions = try arguments.partitionCount("partitions")
        let overwrite = try arguments.bool("overwrite")

        // `split(separator:)` is the built-in form of `flatMap { line in line.split(separator: " ") }`:
        // same words, but cut from the file's bytes without a string per line.
        let counts = try context.textFile(input)
            .split(separator: " ")
            .map { word in (word, 1) }
            .reduceByKey(partitionCount: partitions, +)
        try await counts.save(to: output, overwrite: overwrite)

        // The counts' shuffle output is kept by the context, so this second job only re-reads it.
        // Ties are broken by word so the answer is stable. The pairs become `KeyValue`s because an
        // action's result crosses processes on a cluster, and tuples have no encoding.
        let topWords = try await counts.map { word, count in KeyValue(word, count) }
            .takeOrdered(topWordCount) { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var lines = ["output: \(output)", "top \(topWordCount) words:"]
        for pair in topWords {
            lines.append("  \(pair.key)\t\(pair.value)")
        }
        return JobSummary(lines: lines)
    }
}
