import Foundation
import Testing

/// `sluice pipeline` and `sluice demo stream` run as a user runs them, on the embedded default.
@Suite struct PipelineCommandTests {
    private let cli = CLIEndToEndTests()

    @Test func demoStreamShowsLiveCountsAndLeavesTheTables() throws {
        let directory = try ScratchDirectory()
        let environment = ["SLUICE_HOME": directory.path + "/home", "SLUICE_WAREHOUSE": directory.path + "/warehouse"]
        let demo = try cli.sluice(["demo", "stream", "--seconds", "3", "--rate", "400"], in: directory, environment: environment)
        #expect(demo.status == 0, "\(demo.standardError)")
        #expect(demo.standardOutput.contains("views this minute:"), "\(demo.standardOutput)")
        #expect(demo.standardOutput.contains("records processed"))
        let total = try cli.sluice(["sql", "-c", "SELECT SUM(views) > 0 AS counted FROM page_views", "--format", "csv"], in: directory,
                                   environment: environment)
        #expect(total.standardOutput.contains("true"), "\(total.standardOutput)\(total.standardError)")
    }

    @Test func runReprocessStatusAndErrors() throws {
        let directory = try ScratchDirectory()
        let environment = ["SLUICE_HOME": directory.path + "/home", "SLUICE_WAREHOUSE": directory.path + "/warehouse"]
        let lines = (0..<300).map { index in
            #"{"user_id": \#(index % 7), "page": "/p\#(index % 5)", "event_time": "2024-03-01T08:0\#(index / 60):\#(String(format: "%02d", index % 60)).000Z"}"#
        } + ["not json at all"]
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory.path + "/clicks.jsonl", atomically: true, encoding: .utf8)
        #expect(try cli.sluice(["topic", "create", "clicks", "--partitions", "2"], in: directory, environment: environment).status == 0)
        let produced = try cli.sluice(["topic", "produce", "clicks", "--key", "user_id", "--file", "clicks.jsonl", "--send-malformed"],
                                      in: directory, environment: environment)
        #expect(produced.standardError.contains("301 records to clicks (2 partitions, 1 not JSON sent as they are)"), "\(produced.standardError)")

        let listed = try cli.sluice(["pipeline", "list"], in: directory, environment: environment)
        #expect(listed.standardOutput.contains("clickstream-kappa") && listed.standardOutput.contains("clickstream-lambda"))
        let run = try cli.sluice(["pipeline", "run", "clickstream-kappa", "--until", "caught-up"], in: directory, environment: environment)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("301 records"), "\(run.standardOutput)")
        let views = try cli.sluice(["sql", "-c", "SELECT SUM(views) AS views FROM page_views", "--format", "csv"], in: directory,
                                   environment: environment)
        #expect(views.standardOutput.contains("300"), "\(views.standardOutput)")
        let dead = try cli.sluice(["topic", "consume", "clickstream-kappa.dead-letter", "--from-beginning"], in: directory,
                                  environment: environment)
        #expect(dead.standardOutput.contains("not json at all") && dead.standardOutput.contains("\"query\""), "\(dead.standardOutput)")
        // Both queries meet the bad line; one of them reports it.
        #expect(dead.standardOutput.split(separator: "\n").count == 1, "\(dead.standardOutput)")
        #expect(run.standardOutput.contains("1 to clickstream-kappa.dead-letter"), "\(run.standardOutput)")

        let reprocessed = try cli.sluice(["pipeline", "reprocess", "clickstream-kappa"], in: directory, environment: environment)
        #expect(reprocessed.standardOutput.contains("readers switched to generation 2"), "\(reprocessed.standardOutput)")
        let status = try cli.sluice(["pipeline", "status", "clickstream-kappa"], in: directory, environment: environment)
        #expect(status.standardOutput.contains("from generation 2"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("query clickstream-kappa.g2.page_views: batch "), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("(lag 0 records)") && status.standardOutput.contains("; 301 read,"), "\(status.standardOutput)")
        // Clicks the pipeline has not read yet show as lag, per query.
        try (lines.prefix(20).joined(separator: "\n") + "\n").write(toFile: directory.path + "/more.jsonl", atomically: true, encoding: .utf8)
        _ = try cli.sluice(["topic", "produce", "clicks", "--key", "user_id", "--file", "more.jsonl"], in: directory, environment: environment)
        let behind = try cli.sluice(["pipeline", "status", "clickstream-kappa"], in: directory, environment: environment)
        let lagLines = behind.standardOutput.split(separator: "\n").filter { $0.contains("query clickstream-kappa.g2.") }
        #expect(lagLines.count == 2 && lagLines.allSatisfy { $0.contains("(lag 20 records)") }, "\(behind.standardOutput)")

        let unknown = try cli.sluice(["pipeline", "run", "nope"], in: directory, environment: environment)
        #expect(unknown.status == 1 && unknown.standardError.contains("no pipeline 'nope'; known: clickstream-kappa, clickstream-lambda"))
        let lambdaOnly = try cli.sluice(["pipeline", "batch", "clickstream-kappa"], in: directory, environment: environment)
        #expect(lambdaOnly.status == 1 && lambdaOnly.standardError.contains("kappa pipeline"))
    }
}
