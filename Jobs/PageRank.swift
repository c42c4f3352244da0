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
            ranks = contributions.reduceByKey(+).mapValues { (1 - damping) + damping * $0 }
        }
        let output = try arguments.string("output")
        try await ranks.saveText(to: output, overwrite: arguments.bool("overwrite")) { page, rank in
            "\(page)\t\(rank)"
        }
        let top = try await ranks.takeOrdered(10) { $0.1 > $1.1 }
        return JobSummary(lines: ["ranks written to \(output)", "highest ranks:"]
            + top.map { page, rank in "  \(page)\t\((rank * 10_000).rounded() / 10_000)" })
    }
}
