import Dataflow
import SluiceCore

/// PageRank over a link list (`SOURCE TARGET` per line), the classic iterative job: the links
/// are grouped once and cached, and each iteration joins them with the current ranks.
public enum PageRank {
    public static let definition = JobDefinition(
        name: "pagerank",
        summary: "Ranks pages by the links pointing at them (iterative; the link table is cached).",
        options: [
            JobOption("input", help: "link list, one 'SOURCE TARGET' pair per line", defaultValue: "datasets/links.txt"),
            JobOption("output", help: "folder for 'page<TAB>rank' part files"),
            JobOption("iterations", help: "how many times ranks flow along the links", defaultValue: "10"),
            JobOption("damping", help: "the share of a rank that follows links", defaultValue: "0.85"),
            JobOption("overwrite", help: "replace the output folder if it exists", defaultValue: "false"),
        ],
        run: run)

    @Sendable
    static func run(context: DataflowContext, arguments: JobArguments) async throws -> JobSummary {
        let iterations = try arguments.int("iterations")
        let damping = try arguments.double("damping")
        let links = try context.textFile(arguments.string("input"))
            .filter { !$0.isEmpty }
            .map { line -> (String, String) in
                let fields = line.split(separator: " ")
                guard fields.count == 2 else {
                    throw SluiceError.data("a link line needs 'SOURCE TARGET', found '\(line)'")
                }
                return (String(fields[0]), String(fields[1]))
            }
            .groupByKey()
            .cache()
        var ranks = links.mapValues { _ in 1.0 }
        for _ in 0..<iterations {
            let contributions = links.join(ranks).values().flatMap { targets, rank in
                targets.map { target in (target, rank / Double(targets.count)) }
            }
            // Floating-point addition is not associative, and the shuffle delivers a page's
            // contributions in an order that depends on the mode and on timing; adding them in
            // sorted order makes the ranks the same bits in every run and both modes (with
            // reduceByKey(+) the dataflow and map-reduce outputs differed in the last digits).
            ranks = contributions.groupByKey().mapValues { shares in (1 - damping) + damping * shares.sorted().reduce(0, +) }
        }
        let output = try arguments.string("output")
        try await ranks.saveText(to: output, overwrite: arguments.bool("overwrite")) { page, rank in
            "\(page)\t\(rank)"
        }
        // KeyValue, not a tuple: on a cluster the action's result travels between processes.
        let top = try await ranks.map { page, rank in KeyValue(page, rank) }.takeOrdered(10) { $0.value > $1.value }
        return JobSummary(lines: ["ranks written to \(output)", "highest ranks:"]
            + top.map { pair in "  \(pair.key)\t\((pair.value * 10_000).rounded() / 10_000)" })
    }
}
