import ArgumentParser
import Dataflow

/// `sluice jobs`: the jobs compiled into this binary, with their options.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List the jobs compiled into this binary and their options (run one with `sluice submit`)."
    )

    func run() throws {
        let output = StandardOutput()
        output.write(JobsCommand.text(InstalledJobs.catalog))
        output.flush()
    }

    /// Each job's name and summary, then one line per option: name, default or `required`, help.
    static func text(_ catalog: JobCatalog) -> String {
        guard !catalog.jobs.isEmpty else { return "no jobs are compiled into this binary\n" }
        var text = ""
        for job in catalog.jobs.sorted(by: { $0.name < $1.name }) {
            text += "\(job.name)  \(job.summary)\n"
            let names = job.options.map { "--\($0.name)" }
            let nameWidth = names.map(\.count).max() ?? 0
            let defaults = job.options.map { $0.defaultValue.map { "default \($0)" } ?? "required" }
            let defaultWidth = defaults.map(\.count).max() ?? 0
            for (index, option) in job.options.enumerated() {
                text += "    " + names[index].padding(toWidth: nameWidth) + "  " + defaults[index].padding(toWidth: defaultWidth)
                    + "  " + option.help + "\n"
            }
            text += "\n"
        }
        return text + "Run one with: sluice submit JOB [--master local[N]] [--mode dataflow|mapreduce] --option value ...\n"
    }
}

private extension String {
    func padding(toWidth width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
