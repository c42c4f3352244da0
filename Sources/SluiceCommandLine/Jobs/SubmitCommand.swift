import ArgumentParser
import Dataflow
import SluiceCore

/// `sluice submit JOB [submit options] [job options]`: runs a job compiled into this binary, with
/// live progress per stage on a terminal and a summary at the end, and records the run in the
/// job history.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Run a job compiled into this binary (see `sluice jobs`).",
        discussion: """
            Options after JOB that are not submit's own are the job's, as --name value or \
            --name=value. Shows a progress bar per stage on a terminal, then the time, tasks, \
            records and bytes of each stage and what the job reports. Every run is recorded in \
            the job history (`sluice job history`), in $SLUICE_HOME or ~/.sluice.
            """
    )

    @Argument(help: "The job to run.")
    var job: String

    @Option(help: ArgumentHelp("Where tasks run: local[N] threads in this process (default: one per processor) or sluice://HOST:PORT.",
                               valueName: "master"))
    var master: String?

    @Option(help: ArgumentHelp("How records move between stages: dataflow (in memory, spilling past --memory) or mapreduce (sorted spills on disk).",
                               valueName: "mode"))
    var mode: String?

    @Option(help: ArgumentHelp("Memory for shuffle buffers before they spill to disk, e.g. 512MiB (default 1GiB).", valueName: "size"))
    var memory: String?

    @Option(help: ArgumentHelp("Partitions of a shuffle when the job does not say (default: the task threads, at least 2).", valueName: "n"))
    var parallelism: String?

    @Option(name: .customLong("bad-records"), help: ArgumentHelp("What to do with a record that does not parse: fail or skip.", valueName: "policy"))
    var badRecords: String?

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The job's options.", valueName: "job options"))
    var jobOptions: [String] = []

    func run() throws {
        var command = self
        let jobArguments = try command.takeOwnOptions()
        let definition = try InstalledJobs.catalog.job(named: job)
        let arguments = try JobArguments(parsing: jobArguments, for: definition)
        let settings = try SubmitSettings(master: command.master, mode: command.mode, memory: command.memory,
                                          parallelism: command.parallelism, badRecords: command.badRecords)
        try JobSubmission(job: definition, arguments: arguments, settings: settings, history: JobHistory.default()).run()
    }

    /// Submit's own options are accepted after JOB too: takes them out of the job's options
    /// (a later value wins) and returns the rest.
    mutating func takeOwnOptions() throws -> [String] {
        var rest: [String] = []
        var index = 0
        while index < jobOptions.count {
            let argument = jobOptions[index]
            let (name, inlineValue) = SubmitCommand.split(argument)
            guard SubmitCommand.ownOptionNames.contains(name) else {
                rest.append(argument)
                index += 1
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
                index += 1
            } else {
                guard index + 1 < jobOptions.count else { throw SluiceError.userInput("\(name) needs a value") }
                value = jobOptions[index + 1]
                index += 2
            }
            switch name {
            case "--master": master = value
            case "--mode": mode = value
            case "--memory": memory = value
            case "--parallelism": parallelism = value
            default: badRecords = value
            }
        }
        return rest
    }

    static let ownOptionNames: Set<String> = ["--master", "--mode", "--memory", "--parallelism", "--bad-records"]

    /// `--name=value` as (`--name`, `value`); anything else as (itself, nil).
    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
