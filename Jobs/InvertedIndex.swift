import Dataflow
import SluiceCore

/// For every word, the documents it occurs in: the search engine's first job.
public enum InvertedIndex {
    public static let definition = JobDefinition(
        name: "inverted-index",
        summary: "Lists, for every word, the documents of a folder that contain it.",
        options: [
            JobOption("input", help: "a folder of text documents", defaultValue: "datasets/docs"),
            JobOption("output", help: "folder for 'word<TAB>doc1,doc2,...' part files"),
            JobOption("overwrite", help: "replace the output folder if it exists", defaultValue: "false"),
        ],
        run: run)

    @Sendable
    static func run(context: DataflowContext, arguments: JobArguments) async throws -> JobSummary {
        let index = try context.wholeTextFiles(arguments.string("input"))
            .flatMap { document, text in
                Set(text.split { !$0.isLetter }.map { $0.lowercased() }).map { word in (word, document) }
            }
            .groupByKey()
            .mapValues { documents in documents.sorted() }
        let output = try arguments.string("output")
        try await index.saveText(to: output, overwrite: arguments.bool("overwrite")) { word, documents in
            "\(word)\t\(documents.joined(separator: ","))"
        }
        // KeyValue, not a tuple: on a cluster the action's result travels between processes.
        let widest = try await index.map { word, documents in KeyValue(word, documents.count) }
            .takeOrdered(5) { ($0.value, $1.key) > ($1.value, $0.key) }
        return JobSummary(lines: ["index written to \(output)", "words in the most documents:"]
            + widest.map { pair in "  \(pair.key)\t\(pair.value) documents" })
    }
}
