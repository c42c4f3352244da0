import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `sluice job status [ID]`: one recorded run with its stages; the latest when no id is given.
struct JobStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show one run: how it ended, its arguments, each stage's time and metrics, and the job's report."
    )

    @Argument(help: "The run id, or its start (default: the latest run).")
    var id: String?

    func run() throws {
        let record = try JobHistory.default().record(id: id)
        let output = StandardOutput()
        output.write(JobStatusCommand.text(record, tableWidthMax: TerminalDevice.isTerminal(STDOUT_FILENO)
                                           ? TerminalDevice.widthColumns(of: STDOUT_FILENO) : nil))
        output.flush()
    }

    static func text(_ record: JobRunRecord, tableWidthMax: Int?) -> String {
        var report = JobRunReport.text(record, tableWidthMax: tableWidthMax)
        let firstLineEnd = report.firstIndex(of: "\n").map { report.index(after: $0) } ?? report.endIndex
        let details = "started \(record.startTime)\narguments: \(record.arguments.joined(separator: " "))\n"
        report.insert(contentsOf: details, at: firstLineEnd)
        return report
    }
}
