import Foundation
import Jobs
import Testing

/// Both example pipelines on a pseudo cluster, as a user runs them: `sluice cluster start` (which
/// starts a broker too), events into topic `clicks` with `sluice topic produce`, the pipelines
/// over the cluster's broker with their warehouse in the block store, and `sluice sql` over the
/// views they serve.
@Suite(.serialized) struct PseudoClusterPipelineTests {
    static let start: Int64 = 1_709_280_000_000  // 2024-03-01T08:00:00Z

    @Test func kappaAndLambdaRunOverTheClusterBrokerIntoTheBlockStore() async throws {
        let folder = try ScratchDirectory()
        let processes = try SluiceChildProcesses(root: folder.path)
        defer { processes.killAll() }
        let totals = try await OwnThread.run { [path = folder.path] in try Self.runBothPipelines(processes: processes, folder: path) }
        #expect(totals.kappa == totals.validEvents, "page_views")
        #expect(totals.lambda == totals.validEvents, "lambda_page_views")
        #expect(totals.lambdaSessions == totals.validEvents, "lambda_user_sessions")
        // "batch layer: N tasks on sluice://HOST:PORT"
        let words = totals.batchOnCluster.split(separator: "\n").first { $0.hasPrefix("batch layer: ") }?.split(separator: " ") ?? []
        #expect(words.count == 6 && words.last.map(String.init) == "sluice://\(totals.coordinator)", "\(totals.batchOnCluster)")
        #expect(words.count == 6 && (Int(words[2]) ?? 0) > 0, "\(totals.batchOnCluster)")
        #expect(totals.kappaSessions == totals.validEvents, "user_sessions")
        for table in ["page_views_g1", "user_sessions_g1", "clickstream_lambda_master", "clickstream_lambda_page_views_batch_g2", "clickstream_lambda_user_sessions_speed_g2"] {
            #expect(totals.warehouseListing.contains("/warehouse/" + table), "\(table) is not in the block store:\n\(totals.warehouseListing)")
        }
    }

    /// The kappa pipeline killed with kill -9 at seeded moments while its tables and
    /// checkpoints live in the block store (files a killed writer left open, commits replayed):
    /// the tables end with each window's and session's counts exact.
    @Test func kappaKilledRepeatedlyWithItsWarehouseInTheBlockStoreStaysExact() async throws {
        let folder = try ScratchDirectory()
        let processes = try SluiceChildProcesses(root: folder.path)
        defer { processes.killAll() }
        let events = PipelineKillTests.events(seed: 81)
        let answers = try await OwnThread.run { [path = folder.path] in
            try Self.killWithWarehouseInTheBlockStore(events, processes: processes, folder: path)
        }
        var expectedPerPage: [String: (views: Int64, windows: Int64)] = [:]
        for line in ClickstreamFixture.pageViewsPerMinute(events) {
            let parts = line.split(separator: "|")
            let previous = expectedPerPage[String(parts[1])] ?? (0, 0)
            expectedPerPage[String(parts[1])] = (previous.views + Int64(parts[2])!, previous.windows + 1)
        }
        let expected = expectedPerPage.keys.sorted().map { "\($0),\(expectedPerPage[$0]!.views),\(expectedPerPage[$0]!.windows)" }
        #expect(answers.perPage == expected)
        let sessions = ClickstreamFixture.sessions(events, gapMillis: 600_000)
        let clicks = sessions.map { Int64($0.split(separator: "|")[3])! }.reduce(0, +)
        #expect(answers.sessions == "\(sessions.count),\(clicks)")
    }

    private static func killWithWarehouseInTheBlockStore(_ events: [ClickstreamFixture.Event], processes: SluiceChildProcesses,
                                                         folder: String) throws -> (perPage: [String], sessions: String) {
        let environment = ["HOME": folder + "/home", "SLUICE_HOME": folder + "/sluice-home", "SLUICE_USER": "alice"]
        func sluice(_ arguments: [String]) throws -> String {
            let run = try processes.run(arguments, environment: environment)
            guard run.status == 0 else { throw CLITestSetupError("sluice \(arguments.joined(separator: " ")) failed:\n\(run.output)") }
            return run.output
        }
        let cluster = folder + "/cluster"
        _ = try sluice(["cluster", "start", "--dir", cluster, "--port", "0", "--coordinator-port", "0", "--datanodes", "2",
                        "--block-size", "1048576", "--heartbeat-ms", "300", "--workers", "1"])
        defer { _ = try? processes.run(["cluster", "stop", "--dir", cluster], environment: environment) }
        let namenode = try String(contentsOfFile: cluster + "/namenode.address", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let warehouse = "dfs://\(namenode)/warehouse"
        let kills = try PipelineKillTests.produceWhileKilling(
            events, seed: 81, pipeline: "clickstream-kappa", processes: processes, folder: folder, warehouse: warehouse,
            progressTable: "page_views_g1",
            countCommits: { logFolder in
                let path = String(logFolder.dropFirst("dfs://\(namenode)".count))
                let listing = try processes.run(["dfs", "-ls", path], environment: environment)
                return listing.output.split(separator: "\n").filter { $0.hasSuffix(".json") }.count
            })
        guard kills == PipelineKillTests.killCount + 1 else { throw CLITestSetupError("the pipeline was killed \(kills) times") }
        func csv(_ sql: String) throws -> [String] {
            try sluice(["sql", "--warehouse", warehouse, "--format", "csv", "-c", sql]).split(separator: "\n").map(String.init)
        }
        let perPage = try csv("SELECT page, SUM(views) AS views, COUNT(*) AS windows FROM page_views_g1 GROUP BY page ORDER BY page")
        let sessions = try csv("SELECT COUNT(*) AS sessions, SUM(clicks) AS clicks FROM user_sessions_g1")
        return (Array(perPage.drop { $0 != "page,views,windows" }.dropFirst()), sessions.drop { $0 != "sessions,clicks" }.dropFirst().first ?? "")
    }

    struct Totals: Sendable {
        var validEvents: Int64
        /// What `pipeline batch --master sluice://COORDINATOR` printed.
        var batchOnCluster: String
        var coordinator: String
        var kappa: Int64?
        var kappaSessions: Int64?
        var lambda: Int64?
        var lambdaSessions: Int64?
        /// `sluice dfs -ls /warehouse`.
        var warehouseListing: String
    }

    private static func runBothPipelines(processes: SluiceChildProcesses, folder: String) throws -> Totals {
        let environment = ["HOME": folder + "/home", "SLUICE_HOME": folder + "/sluice-home", "SLUICE_USER": "alice"]
        func sluice(_ arguments: [String]) throws -> String {
            let run = try processes.run(arguments, environment: environment)
            guard run.status == 0 else { throw CLITestSetupError("sluice \(arguments.joined(separator: " ")) failed:\n\(run.output)") }
            return run.output
        }
        let cluster = folder + "/cluster"
        _ = try sluice(["cluster", "start", "--dir", cluster, "--port", "0", "--coordinator-port", "0", "--datanodes", "2",
                        "--block-size", "1048576", "--heartbeat-ms", "300", "--workers", "1"])
        defer { _ = try? processes.run(["cluster", "stop", "--dir", cluster], environment: environment) }
        func address(_ role: String) throws -> String {
            try String(contentsOfFile: "\(cluster)/\(role).address", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let broker = try address("broker")
        let warehouse = "dfs://\(try address("namenode"))/warehouse"
        _ = try sluice(["topic", "create", ClickstreamKappa.topic, "--partitions", "2", "--broker", broker])

        var validEvents: Int64 = 0
        func produce(seed: UInt64, offsetMillis: Int64) throws {
            let events = ClickstreamFixture.events(count: 800, seed: seed, startMillis: start + offsetMillis, malformedEvery: 53)
            let file = "\(folder)/events-\(seed).jsonl"
            try (events.map(\.line).joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            _ = try sluice(["topic", "produce", ClickstreamKappa.topic, "--broker", broker, "--key", "user_id", "--file", file])
            validEvents += Int64(events.filter { $0.click != nil }.count)
        }
        let pipelineOptions = ["--broker", broker, "--warehouse", warehouse]
        try produce(seed: 31, offsetMillis: 0)
        _ = try sluice(["pipeline", "run", "clickstream-kappa"] + pipelineOptions + ["--until", "caught-up"])
        _ = try sluice(["pipeline", "run", "clickstream-lambda"] + pipelineOptions + ["--until", "caught-up"])
        _ = try sluice(["pipeline", "batch", "clickstream-lambda"] + pipelineOptions)
        // More events after the batch layer's cut: the lambda answer needs its speed layer too.
        try produce(seed: 32, offsetMillis: 60_000)
        _ = try sluice(["pipeline", "run", "clickstream-kappa"] + pipelineOptions + ["--until", "caught-up"])
        _ = try sluice(["pipeline", "run", "clickstream-lambda"] + pipelineOptions + ["--until", "caught-up"])
        // A batch run on the cluster: its workers compute every batch view, which now covers all
        // events (the speed layer after it starts at the end of the topic).
        let coordinator = try address("coordinator")
        let batchOnCluster = try sluice(["pipeline", "batch", "clickstream-lambda", "--master", "sluice://\(coordinator)"] + pipelineOptions)

        func total(_ sql: String) throws -> Int64? {
            let output = try sluice(["sql", "--warehouse", warehouse, "--format", "csv", "-c", sql])
            let lines = output.split(separator: "\n").map(String.init)
            guard let header = lines.firstIndex(of: "total"), header + 1 < lines.count else { return nil }
            return Int64(lines[header + 1])
        }
        return Totals(validEvents: validEvents, batchOnCluster: batchOnCluster, coordinator: coordinator,
                      kappa: try total("SELECT SUM(views) AS total FROM page_views"),
                      kappaSessions: try total("SELECT SUM(clicks) AS total FROM user_sessions"),
                      lambda: try total("SELECT SUM(views) AS total FROM lambda_page_views"),
                      lambdaSessions: try total("SELECT SUM(clicks) AS total FROM lambda_user_sessions"),
                      warehouseListing: try sluice(["dfs", "-ls", "/warehouse"]))
    }
}
