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
            JobOption("counting", help: "closures: map each word to (word, 1) and reduceByKey(+); builtin: valueCounts()",
                      defaultValue: "closures"),
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
        let words = try context.textFile(input).split(separator: " ")
        let counts: Dataset<(String, Int)>
        switch try arguments.string("counting") {
        case "closures":
            counts = words.map { word in (word, 1) }.reduceByKey(partitionCount: partitions, +).cache()
        case "builtin":
            // The same counts; on text from files it counts the words' bytes, making a string only per distinct word.
            counts = words.valueCounts(partitionCount: partitions).cache()
        case let other:
            throw SluiceError.userInput("option --counting: '\(other)' is neither closures nor builtin")
        }
        try await counts.save(to: output, overwrite: overwrite)

        // The counts stay in memory from the save, so this second job reads no shuffle again.
        // Ties are broken by word so the answer is stable. The pairs become `KeyValue`s because on
        // a cluster each partition's first words travel from a worker, and tuples cannot be encoded.
        let topWords = try await counts.map { word, count in KeyValue(word, count) }
            .takeOrdered(topWordCount) { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var lines = ["output: \(output)", "top \(topWordCount) words:"]
        for top in topWords {
            lines.append("  \(top.key)\t\(top.value)")
        }
        return JobSummary(lines: lines)
    }
}
